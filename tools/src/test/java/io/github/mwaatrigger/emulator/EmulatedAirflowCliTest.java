package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.mwaa.MwaaCliClient;
import io.github.mwaatrigger.mwaa.MwaaRejectedException;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.testing.TestEmulator;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulated Airflow CLI: the output formats and error texts clients have to read. */
class EmulatedAirflowCliTest {

    /** The emulator's clock: moved by hand, near real time (SigV4 refuses requests five minutes off). */
    private final MutableClock clock = MutableClock.atSystemSecond();
    private final Instant start = clock.instant();
    private final String now = clock.instant().toString().replace("Z", "+00:00");
    private MwaaEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private CliOutput run(AirflowVersion version, String commandLine) {
        if (emulator == null) {
            emulator = TestEmulator.start(EmulatorConfig.builder().airflowVersion(version).noisyOutput(false)
                    .clock(clock).runProgress(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        }
        MwaaCliClient cli = TestEmulator.client(emulator);
        return cli.execute(commandLine, Idempotency.NOT_IDEMPOTENT, Deadline.after(Duration.ofSeconds(10)));
    }

    @Test
    void runs_moveFromQueuedToRunningToSuccess() {
        AirflowVersion version = AirflowVersion.of(2, 10, 3);
        run(version, "dags trigger example_dag -r r1 -c '{\"k\": \"v\"}'");
        String date = now;

        assertThat(run(version, "dags state example_dag " + date).stdout()).isEqualTo("queued, {\"k\": \"v\"}\n");
        clock.advance(Duration.ofSeconds(10));
        assertThat(run(version, "dags state example_dag " + date).stdout()).startsWith("running");
        clock.advance(Duration.ofSeconds(20));
        assertThat(run(version, "dags list-runs -d example_dag -o json").stdout()).isEqualTo(
                "[{\"dag_id\": \"example_dag\", \"run_id\": \"r1\", \"state\": \"success\", \"execution_date\": \""
                        + now + "\", \"start_date\": \"" + iso(10) + "\", \"end_date\": \"" + iso(30) + "\"}]\n");
        assertThat(run(version, "dags state example_dag 2023-01-01").stdout()).isEqualTo("None\n");
    }

    private String iso(int secondsLater) {
        return clock.instant().plusSeconds(secondsLater - Duration.between(start, clock.instant()).toSeconds())
                .toString().replace("Z", "+00:00");
    }

    @Test
    void triggerWithoutARunId_getsAirflowsManualRunId() {
        CliOutput output = run(AirflowVersion.of(2, 5, 1), "dags trigger example_dag");

        assertThat(output.stdout()).isEqualTo("Created <DagRun example_dag @ " + now + ": manual__" + now
                + ", state:queued, queued_at: " + now.replace('T', ' ') + ". externally triggered: True>\n");
    }

    @Test
    void runIdOutsideThePattern_isRefusedFrom263() {
        CliOutput output = run(AirflowVersion.of(2, 6, 3), "dags trigger example_dag -r 'has space'");

        assertThat(output.stderr()).startsWith("Traceback (most recent call last):").contains(
                "ValueError: The run_id provided 'has space' does not match the pattern '^[A-Za-z0-9_.~:+-]+$'");
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void legacyCommand_isRefusedOnAirflow2() {
        CliOutput output = run(AirflowVersion.of(2, 0, 2), "trigger_dag example_dag");

        assertThat(output.stderr()).contains("airflow command error: argument GROUP_OR_COMMAND: `airflow trigger_dag` "
                + "command, has been removed, please use `airflow dags trigger`");
    }

    @Test
    void unknownOption_isAnArgparseError() {
        CliOutput output = run(AirflowVersion.of(2, 5, 1), "dags trigger example_dag --no-replace-microseconds");

        assertThat(output.stderr()).contains("airflow command error: unrecognized arguments: --no-replace-microseconds");
    }

    @Test
    void listRunsOnAirflow3_takesThePositionalDagIdAndReportsRunAfter() {
        AirflowVersion version = AirflowVersion.of(3, 0, 6);
        run(version, "dags trigger example_dag -r r1");

        String rows = run(version, "dags list-runs example_dag -o json").stdout();

        assertThat(Json.parse(rows)).isEqualTo(Json.parse("[{\"dag_id\": \"example_dag\", \"run_id\": \"r1\", "
                + "\"state\": \"queued\", \"run_after\": \"" + now + "\", \"logical_date\": \"\", "
                + "\"start_date\": \"\", \"end_date\": \"\"}]"));
    }

    @Test
    void listRunsOfAnUnknownDag_saysItIsNotInTheDagTable() {
        CliOutput output = run(AirflowVersion.of(2, 10, 3), "dags list-runs -d ghost -o json");

        assertThat(output.stderr()).isEqualTo("DAG: ghost does not exist in 'dag' table\n");
    }

    @Test
    void commandsMwaaDoesNotAllow_getA500() {
        assertThatThrownBy(() -> run(AirflowVersion.of(2, 10, 3), "db reset -y"))
                .isInstanceOf(MwaaUnavailableException.class).hasMessageContaining("HTTP 500");
    }

    @Test
    void unbalancedQuotes_getA500LikeMwaa() {
        assertThatThrownBy(() -> run(AirflowVersion.of(2, 10, 3), "dags trigger example_dag -c '{\"a\": 1}"))
                .isInstanceOf(MwaaUnavailableException.class).hasMessageContaining("HTTP 500");
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void webServer_answersOnlyTheCliPath() throws Exception {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        HttpURLConnection get = (HttpURLConnection) new URL("https://" + emulator.webServerHostname()
                + "/aws_mwaa/cli").openConnection();
        HttpURLConnection other = (HttpURLConnection) new URL("https://" + emulator.webServerHostname()
                + "/admin").openConnection();

        assertThat(get.getResponseCode()).isEqualTo(405);
        assertThat(other.getResponseCode()).isEqualTo(404);
    }

    @Test
    void cliRequestWithoutToken_isForbidden() throws Exception {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        HttpURLConnection post = (HttpURLConnection) new URL("https://" + emulator.webServerHostname()
                + "/aws_mwaa/cli").openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.getOutputStream().write("dags list".getBytes());

        assertThat(post.getResponseCode()).isEqualTo(403);
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void rejectedStatusesOtherThanRetryableOnes_areReportedAsRejections() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.Status(404, "{\"message\": \"Not Found\"}"));

        assertThatThrownBy(() -> run(AirflowVersion.of(2, 10, 3), "dags list"))
                .isInstanceOfSatisfying(MwaaRejectedException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessage("the MWAA web server refused the command: the web server answered HTTP 404: "
                        + "{\"message\": \"Not Found\"}");
    }
}
