package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.InMemoryRestApi;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --transport cli|rest} on {@code trigger}, {@code serve} and {@code demo}: what it sets, and that
 * {@code trigger} prints the same line with the same exit codes over both. Triggers run against an in-memory
 * MWAA (its CLI and REST API keep the same runs); the demo here is checked for its wiring only (every event
 * goes through InvokeRestApi, none through the CLI). The same over the emulator's InvokeRestApi, end to end:
 * {@link TriggerOverRestEndToEndTest}, {@link RestTransportDemoAndServeTest}.
 */
class TransportOptionTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Settings> settingsUsed = new CopyOnWriteArrayList<>();
    private InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag");

    private int run(Environment environment, String... args) {
        out.reset();
        err.reset();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Main(settings -> {
            settingsUsed.add(settings);
            return mwaa.services(settings);
        }, () -> { }, config -> MwaaEmulator.start(config, TestTls.authority()), (emulator, config) -> () -> { })
                .run(Arrays.asList(args), console);
    }

    private int trigger(String... args) {
        return run(mwaa.environment(), args);
    }

    private JsonObject printed() {
        return Json.parseObject(out.toString(StandardCharsets.UTF_8).strip(), "stdout");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void triggerOverRest_createsExactlyOneRun_andARepeatPrintsAlreadyExisted(String version) {
        mwaa = InMemoryMwaa.running(version, "example_dag");

        int first = trigger("trigger", "example_dag", "--transport", "rest", "--run-id", "demo_1", "--conf",
                "{\"path\": \"s3://bucket/a.csv\"}");
        JsonObject created = printed();
        int again = trigger("trigger", "example_dag", "--transport", "rest", "--run-id", "demo_1");

        assertThat(first).isEqualTo(ExitCode.OK);
        assertThat(created.members().keySet()).containsExactly("dag_id", "dag_run_id", "state", "logical_date", "outcome");
        assertThat(created.string("dag_run_id")).contains("demo_1");
        assertThat(created.string("state")).contains("queued");
        assertThat(created.string("outcome")).contains("CREATED");
        assertThat(again).isEqualTo(ExitCode.OK);
        assertThat(printed().string("outcome")).contains("ALREADY_EXISTED");
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("demo_1");
            assertThat(run.conf()).isEqualTo(Json.parse("{\"path\": \"s3://bucket/a.csv\"}"));
        });
        assertThat(mwaa.airflow().commands()).isEmpty();
        assertThat(settingsUsed).extracting(Settings::transport).containsOnly(Transport.REST);
    }

    @Test
    void bothTransports_printTheSameLine_andSeeEachOthersRuns() {
        trigger("trigger", "example_dag", "--run-id", "r1", "--transport", "cli");
        JsonObject overCli = printed();
        trigger("trigger", "example_dag", "--run-id", "r1", "--transport", "rest");
        JsonObject overRest = printed();
        trigger("trigger", "example_dag", "--run-id", "r1");
        JsonObject byDefault = printed();

        assertThat(overCli.string("outcome")).contains("CREATED");
        assertThat(overRest.string("outcome")).contains("ALREADY_EXISTED");
        assertThat(byDefault.string("outcome")).contains("ALREADY_EXISTED");
        assertThat(overRest.members().keySet()).isEqualTo(overCli.members().keySet());
        assertThat(List.of(overRest.string("dag_run_id"), overRest.string("state")))
                .isEqualTo(List.of(overCli.string("dag_run_id"), overCli.string("state")));
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactly("r1");
        assertThat(settingsUsed).extracting(Settings::transport)
                .containsExactly(Transport.CLI, Transport.REST, Transport.CLI);
    }

    @Test
    void theVariable_choosesTheTransport_andTheOptionOverridesIt() {
        run(mwaa.environment().with("MWAA_TRANSPORT", "rest"), "trigger", "example_dag", "--run-id", "a");
        mwaa.clock().advance(Duration.ofSeconds(1));
        run(mwaa.environment().with("MWAA_TRANSPORT", "rest"), "trigger", "example_dag", "--run-id", "b",
                "--transport", "cli");

        assertThat(settingsUsed).extracting(Settings::transport).containsExactly(Transport.REST, Transport.CLI);
        assertThat(mwaa.restApi().requests()).hasSize(1);
        assertThat(mwaa.airflow().commands()).hasSize(1);
    }

    @Test
    void overRest_failuresExitAsOverTheCli_unknownDagOne_roleTwo_unavailableThree() {
        int unknownDag = trigger("trigger", "nope", "--transport", "rest", "--run-id", "r");
        String unknownDagSaid = err.toString(StandardCharsets.UTF_8);
        mwaa.restApi().actAs("Viewer");
        int viewer = trigger("trigger", "example_dag", "--transport", "rest", "--run-id", "r");
        String viewerSaid = err.toString(StandardCharsets.UTF_8);
        mwaa.restApi().actAs("User");
        mwaa.restApi().script(InMemoryRestApi.Fault.THROTTLED);
        int throttled = trigger("trigger", "example_dag", "--transport", "rest", "--run-id", "r");

        assertThat(unknownDag).isEqualTo(ExitCode.FAILED);
        assertThat(unknownDagSaid).contains("DAG 'nope' was not found");
        assertThat(viewer).isEqualTo(ExitCode.USAGE);
        assertThat(viewerSaid).contains("may not trigger runs of DAG 'example_dag'").contains("airflow:InvokeRestApi");
        assertThat(throttled).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(mwaa.airflow().runs()).isEmpty();
    }

    @Test
    void anUnknownTransport_isAUsageError_namingTheOptionAndTheChoices() {
        int code = trigger("trigger", "example_dag", "--transport", "http");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--transport 'http' is not a transport: use cli")
                .contains("usage: mwaa-trigger trigger");
        assertThat(settingsUsed).isEmpty();
    }

    @Test
    void restWithAnAirflowTooOld_isAUsageError_namingTheWayOut() {
        mwaa = InMemoryMwaa.running("2.2.2", "example_dag");

        int code = trigger("trigger", "example_dag", "--transport", "rest");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2.4.3 or later").contains("MWAA_TRANSPORT=cli");
    }

    @Test
    void theCliSubcommand_hasNoTransport_itRunsCliCommands() {
        int code = trigger("cli", "--transport", "rest", "--", "dags", "list");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --transport");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trigger", "serve", "demo"})
    void help_namesTheTransportOption(String subcommand) {
        assertThat(run(mwaa.environment(), subcommand, "--help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[--transport cli|rest]");
    }

    @Test
    void demoOverRest_setsTheTemplatesTransport_andSendsNoCliCommand() {
        MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
        try {
            run(TestEmulator.environment(emulator), "demo", "--transport", "rest");

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Transport=rest");
            assertThat(emulator.receivedCommands()).isEmpty();
        } finally {
            emulator.close();
        }
    }

    @Test
    void demo_refusesTwoDifferentTransports() {
        int code = run(mwaa.environment(), "demo", "--transport", "rest", "--parameter", "Transport=cli");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("disagree: give the transport once");
    }

    @Test
    void serveOverRest_servesTheApiThroughInvokeRestApi() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        CountDownLatch serving = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                mwaa.environment().with("API_ALLOWED_DAGS", "example_dag"));
        Main main = new Main(settings -> {
            settingsUsed.add(settings);
            return mwaa.services(settings);
        }, () -> {
            serving.countDown();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, config -> {
            throw new AssertionError("no emulator with MWAA_ENVIRONMENT_NAME set");
        }, (emulator, config) -> () -> { });
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = background.submit(() -> main.run(List.of("serve", "--port", Integer.toString(port),
                    "--transport", "rest"), console));
            assertThat(serving.await(20, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isTrue();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/dags/example_dag/dagRuns"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dag_run_id\": \"served\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            stop.countDown();

            assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("through InvokeRestApi");
            assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactly("served");
            assertThat(mwaa.restApi().requests()).isNotEmpty();
            assertThat(mwaa.airflow().commands()).isEmpty();
        } finally {
            stop.countDown();
            background.shutdownNow();
        }
    }

}
