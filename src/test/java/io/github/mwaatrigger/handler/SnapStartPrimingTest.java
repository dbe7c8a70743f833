package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.testing.TestEmulator;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Priming runs before the SnapStart snapshot: it must never reach MWAA, so no token or connection is in it. */
class SnapStartPrimingTest {

    @Test
    void primingEveryFunction_makesNoCallToMwaa_evenWithTheVersionLeftToAuto() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            Environment environment = TestEmulator.environment(emulator).with(Settings.AIRFLOW_VERSION, "auto")
                    .with("DAG_ID", "example_dag").with("API_ALLOWED_DAGS", "*");

            new S3UploadHandler(environment, settings -> TestEmulator.services(settings, Clock.systemUTC()),
                    Clock.systemUTC()).priming().prime();
            new ScheduleHandler(environment, settings -> TestEmulator.services(settings, Clock.systemUTC()),
                    Clock.systemUTC()).priming().prime();
            new ApiHandler(environment, settings -> TestEmulator.services(settings, Clock.systemUTC()),
                    Clock.systemUTC()).priming().prime();

            assertThat(emulator.cliTokensIssued()).isZero();
            assertThat(emulator.environmentLookups()).isZero();
            assertThat(emulator.receivedCommands()).isEmpty();
            assertThat(emulator.runs()).isEmpty();
        }
    }
}
