package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.emulator.AirflowRole;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.testing.RestApiClient;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;

/** {@code emulator --airflow-role} and {@code --rest-rate-limit}, as a user types them, seen through InvokeRestApi. */
class EmulatorRestApiOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<MwaaEmulator> started = new AtomicReference<>();

    @Test
    void aViewerEmulator_answersReads_andRefusesTriggersWithAirflows403(@TempDir Path stateDir) {
        List<Integer> statuses = new ArrayList<>();

        int code = run(() -> {
            try (RestApiClient client = RestApiClient.of(started.get())) {
                statuses.add(client.get("/dags/example_dag/dagRuns").restApiStatusCode());
                statuses.add(catchThrowableOfType(RestApiClientException.class,
                        () -> client.post("/dags/example_dag/dagRuns", "{}")).restApiStatusCode());
            }
        }, "emulator", "--airflow-role", "Viewer", "--rest-rate-limit", "7", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(statuses).containsExactly(200, 403);
        assertThat(started.get().config().airflowRole()).isEqualTo(AirflowRole.VIEWER);
        assertThat(started.get().config().restRateLimit()).isEqualTo(7);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("InvokeRestApi as Airflow role Viewer at most 7 "
                + "requests/s");
    }

    @Test
    void withoutTheOptions_callersAreUsers_at10RequestsASecond(@TempDir Path stateDir) {
        int code = run(() -> { }, "emulator", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(started.get().config().airflowRole()).isEqualTo(AirflowRole.USER);
        assertThat(started.get().config().restRateLimit()).isEqualTo(10);
    }

    @Test
    void anUnknownRole_isAUsageErrorThatListsTheRoles() {
        int code = run(() -> { }, "emulator", "--airflow-role", "Superuser");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--airflow-role: 'Superuser' is not an Airflow role; "
                + "use one of Admin, Op, User, Viewer, Public");
        assertThat(started.get()).isNull();
    }

    @Test
    void aRateLimitBelowOne_isAUsageError() {
        int code = run(() -> { }, "emulator", "--rest-rate-limit", "0");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rest-rate-limit");
        assertThat(started.get()).isNull();
    }

    private int run(Runnable whileRunning, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(Map.of()));
        return new Main(settings -> TestEmulator.services(settings, Clock.systemUTC()), whileRunning,
                config -> {
                    MwaaEmulator emulator = MwaaEmulator.start(config, TestTls.authority());
                    started.set(emulator);
                    return emulator;
                }, (emulatorToTrust, config) -> () -> { })
                .run(List.of(args), console);
    }
}
