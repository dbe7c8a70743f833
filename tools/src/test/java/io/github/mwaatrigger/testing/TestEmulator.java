package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.MwaaCliClient;
import io.github.mwaatrigger.mwaa.SdkMwaaControlPlane;
import io.github.mwaatrigger.mwaa.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;

/** Starts emulators for tests, on the test CA, and wires the real client stack to them. */
public final class TestEmulator {

    /** Short backoff so that retry tests stay quick; the production policy is the same shape. */
    public static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(5), Duration.ofMillis(40),
            RandomGenerator.getDefault());

    private TestEmulator() {
    }

    /** An emulator on the test CA, configured by {@code config} (noisy output, as on MWAA, unless turned off). */
    public static MwaaEmulator start(EmulatorConfig.Builder config) {
        return MwaaEmulator.start(config.build(), TestTls.authority());
    }

    public static MwaaEmulator start(AirflowVersion version) {
        return start(EmulatorConfig.builder().airflowVersion(version));
    }

    /** The environment variables a deployment pointed at {@code emulator} would have. */
    public static Environment environment(MwaaEmulator emulator) {
        EmulatorConfig config = emulator.config();
        return new Environment(Map.of(
                Settings.ENVIRONMENT_NAME, config.environmentName(),
                Settings.AIRFLOW_VERSION, config.airflowVersion().toString(),
                Settings.REGION, config.region(),
                Settings.ENDPOINT_URL_MWAA, emulator.controlPlaneEndpoint().toString()));
    }

    public static Settings settings(MwaaEmulator emulator) {
        return Settings.from(environment(emulator), new Properties());
    }

    /** The production object graph (real SDK client, real HTTPS), with a fast backoff. */
    public static MwaaServices services(MwaaEmulator emulator) {
        return services(settings(emulator), Clock.systemUTC());
    }

    public static MwaaServices services(Settings settings, Clock clock) {
        return MwaaServices.create(settings, SdkMwaaControlPlane.create(settings.environmentName(), settings.region(),
                settings.endpointOverride()), clock, FAST_BACKOFF);
    }

    /** The real MWAA client (real SDK client, real HTTPS) for {@code emulator}, with a fast backoff. */
    public static MwaaCliClient client(MwaaEmulator emulator) {
        return client(settings(emulator), Clock.systemUTC());
    }

    public static MwaaCliClient client(Settings settings, Clock clock) {
        return MwaaCliClient.create(SdkMwaaControlPlane.create(settings.environmentName(), settings.region(),
                settings.endpointOverride()), clock, FAST_BACKOFF, Sleeper.SYSTEM, settings.maxConcurrentCliCalls());
    }

    /** Settings for {@code emulator} with the Airflow version left to {@code GetEnvironment}. */
    public static Settings settingsWithAutoVersion(MwaaEmulator emulator) {
        return Settings.from(environment(emulator).with(Settings.AIRFLOW_VERSION, "auto"), new Properties());
    }
}
