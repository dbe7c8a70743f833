package io.github.mwaatrigger.config;

import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.mwaa.AirflowCli;
import io.github.mwaatrigger.mwaa.AttemptCounter;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.CountingAirflowCli;
import io.github.mwaatrigger.mwaa.MwaaCliClient;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;
import io.github.mwaatrigger.mwaa.SdkMwaaControlPlane;
import io.github.mwaatrigger.mwaa.Sleeper;
import io.github.mwaatrigger.trigger.CliDagRuns;
import io.github.mwaatrigger.trigger.DagRunQueries;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.TriggerService;
import java.time.Clock;
import java.util.Objects;

/**
 * The object graph every entry point uses, built once per process from {@link Settings}. Building it
 * makes no network call: the SDK client, credentials and the CLI token all come on first use.
 *
 * @param cli          runs Airflow CLI commands on the environment
 * @param dagRuns      starts and reads DAG runs
 * @param controlPlane the MWAA API of the environment
 * @param attempts     counts the attempts the calls of {@code dagRuns} take, per thread (for
 *                     the trigger log)
 */
public record MwaaServices(AirflowCli cli, DagRuns dagRuns, MwaaControlPlane controlPlane,
        AttemptCounter attempts) {

    public MwaaServices {
        Objects.requireNonNull(cli, "cli");
        Objects.requireNonNull(dagRuns, "dagRuns");
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(attempts, "attempts");
    }

    /** Builds what needs no network now (the AWS SDK client), so that the first trigger need not. */
    public void prepare() {
        controlPlane.prepare();
    }

    /** The services for {@code settings}, talking to MWAA through the AWS SDK. */
    public static MwaaServices create(Settings settings) {
        MwaaControlPlane controlPlane = SdkMwaaControlPlane.create(settings.environmentName(), settings.region(),
                settings.endpointOverride());
        return create(settings, controlPlane, Clock.systemUTC(), Backoff.standard());
    }

    /** The services for {@code settings} over {@code controlPlane}, retrying with {@code backoff}. */
    public static MwaaServices create(Settings settings, MwaaControlPlane controlPlane, Clock clock, Backoff backoff) {
        MwaaCliClient cli = MwaaCliClient.create(controlPlane, clock, backoff, Sleeper.SYSTEM,
                settings.maxConcurrentCliCalls());
        return over(cli, controlPlane, settings, clock, Sleeper.SYSTEM);
    }

    /**
     * The trigger service and queries over any {@code cli}, such as an in-memory Airflow in tests, for
     * the Airflow version {@code settings} configure (or that {@code controlPlane} reports, with
     * {@code auto}). {@code sleeper} waits out same-second collisions.
     */
    public static MwaaServices over(AirflowCli cli, MwaaControlPlane controlPlane, Settings settings, Clock clock,
            Sleeper sleeper) {
        AirflowDialects dialects = settings.airflowVersion()
                .map(AirflowDialects::fixed)
                .orElseGet(() -> AirflowDialects.discoveredThrough(controlPlane));
        CountingAirflowCli counted = new CountingAirflowCli(cli);
        DagRunQueries runs = new DagRunQueries(counted, dialects);
        TriggerService triggers = new TriggerService(counted, dialects, runs, clock, sleeper);
        return new MwaaServices(cli, new CliDagRuns(triggers, runs), controlPlane, counted);
    }
}
