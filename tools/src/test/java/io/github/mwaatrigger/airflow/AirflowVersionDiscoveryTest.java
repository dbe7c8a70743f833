package io.github.mwaatrigger.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.ReceivedCommand;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.trigger.DagRunRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code AIRFLOW_VERSION=auto}: the version comes from {@code GetEnvironment}, asked once, on first use. */
class AirflowVersionDiscoveryTest {

    private static final Instant LOGICAL_DATE = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void autoVersion_asksGetEnvironmentOnceOnFirstUse_andSpeaksThatVersion() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder()
                .airflowVersion(AirflowVersion.of(3, 0, 6)))) {
            MwaaServices services = TestEmulator.services(TestEmulator.settingsWithAutoVersion(emulator),
                    Clock.systemUTC());
            assertThat(emulator.environmentLookups()).as("nothing is asked while building").isZero();
            assertThat(emulator.cliTokensIssued()).isZero();

            for (int i = 0; i < 3; i++) {
                services.dagRuns().trigger(new DagRunRequest("example_dag", "run_" + i, JsonObject.empty(),
                        Optional.of(LOGICAL_DATE.plusSeconds(i))), Deadline.after(Duration.ofSeconds(20)));
            }

            assertThat(emulator.environmentLookups()).isEqualTo(1);
            assertThat(emulator.receivedCommands()).allSatisfy(command -> {
                assertThat(command.body()).endsWith("--no-replace-microseconds -o json");
                assertThat(command.words()).as("Airflow 3 names the date --logical-date; 2.x says -e")
                        .contains("--logical-date").doesNotContain("-e");
            });
            assertThat(emulator.runs()).hasSize(3);
        }
    }

    @Test
    void autoVersion_speaksAnOlderVersionToo() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder()
                .airflowVersion(AirflowVersion.of(2, 4, 3)))) {
            MwaaServices services = TestEmulator.services(TestEmulator.settingsWithAutoVersion(emulator),
                    Clock.systemUTC());

            services.dagRuns().trigger(new DagRunRequest("example_dag", "run_1", JsonObject.empty(),
                    Optional.of(LOGICAL_DATE)), Deadline.after(Duration.ofSeconds(20)));

            assertThat(emulator.environmentLookups()).isEqualTo(1);
            assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::body)
                    .containsExactly("dags trigger example_dag -r run_1 -e 2024-06-01T00:00:00+00:00");
        }
    }

    @Test
    void configuredVersion_neverCallsGetEnvironment() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            MwaaServices services = TestEmulator.services(emulator);

            services.dagRuns().trigger(DagRunRequest.of("example_dag", "r", JsonObject.empty()),
                    Deadline.after(Duration.ofSeconds(20)));

            assertThat(emulator.environmentLookups()).isZero();
        }
    }
}
