package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.mwaa.Backoff;
import java.time.Instant;
import java.util.Map;

/**
 * An MWAA environment in memory, for tests of whole functions: its Airflow (its CLI and its REST API, over
 * the same runs), its API, and the clock they and the function share (waits move it on), wired into the
 * functions' services as a deployment would be.
 */
public final class InMemoryMwaa {

    /** Where the clock starts: a quarter of a second into a second, as a trigger rarely lands on one. */
    public static final Instant START = Instant.parse("2024-06-01T08:30:00.250Z");
    public static final String ENVIRONMENT_NAME = "InMemoryEnvironment";

    private final MutableClock clock = new MutableClock(START);
    private final ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(clock);
    private final String airflowVersion;
    private final InMemoryAirflow airflow;
    private final InMemoryControlPlane controlPlane;
    private final InMemoryRestApi restApi;

    private InMemoryMwaa(String airflowVersion, String... dags) {
        this.airflowVersion = airflowVersion;
        this.airflow = new InMemoryAirflow(airflowVersion, clock, dags);
        this.controlPlane = new InMemoryControlPlane(airflowVersion);
        this.restApi = new InMemoryRestApi(airflow);
    }

    /** An environment that runs Airflow {@code airflowVersion} with {@code dags} deployed. */
    public static InMemoryMwaa running(String airflowVersion, String... dags) {
        return new InMemoryMwaa(airflowVersion, dags);
    }

    /** The variables a function deployed against this environment has, its own settings not yet among them. */
    public Environment environment() {
        return new Environment(Map.of(Settings.ENVIRONMENT_NAME, ENVIRONMENT_NAME,
                Settings.AIRFLOW_VERSION, airflowVersion, Settings.REGION, "us-east-1"));
    }

    /**
     * The functions' services for {@code settings}, reaching this environment through the transport they
     * choose ({@code MWAA_TRANSPORT}): its Airflow CLI or its REST API, which keep the same runs.
     */
    public MwaaServices services(Settings settings) {
        return MwaaServices.over(airflow, restApi, controlPlane, settings, Backoff.standard(), sleeper, clock);
    }

    public InMemoryAirflow airflow() {
        return airflow;
    }

    /** Its Airflow's REST API, as InvokeRestApi reaches it: over the same runs as {@link #airflow()}. */
    public InMemoryRestApi restApi() {
        return restApi;
    }

    public InMemoryControlPlane controlPlane() {
        return controlPlane;
    }

    public MutableClock clock() {
        return clock;
    }

    public ClockAdvancingSleeper sleeper() {
        return sleeper;
    }
}
