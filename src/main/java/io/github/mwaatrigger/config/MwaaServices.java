package io.github.mwaatrigger.config;

import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.RestApiDialects;
import io.github.mwaatrigger.mwaa.AirflowCli;
import io.github.mwaatrigger.mwaa.AirflowRestApi;
import io.github.mwaatrigger.mwaa.AttemptCounter;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.CountingAirflowCli;
import io.github.mwaatrigger.mwaa.CountingAirflowRestApi;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.InvokeRestApiEndpoint;
import io.github.mwaatrigger.mwaa.InvokeRestApiGrant;
import io.github.mwaatrigger.mwaa.MwaaCliClient;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;
import io.github.mwaatrigger.mwaa.MwaaRestApiClient;
import io.github.mwaatrigger.mwaa.RestApiExchange;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import io.github.mwaatrigger.mwaa.SdkMwaaControlPlane;
import io.github.mwaatrigger.mwaa.Sleeper;
import io.github.mwaatrigger.trigger.CliDagRuns;
import io.github.mwaatrigger.trigger.DagRunQueries;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.RestDagRuns;
import io.github.mwaatrigger.trigger.TriggerService;
import java.time.Clock;
import java.util.Objects;

/**
 * The object graph every entry point uses, built once per process from {@link Settings}. Building it
 * makes no network call: the SDK client, credentials and the CLI token all come on first use.
 *
 * @param cli          runs Airflow CLI commands on the environment (the {@code cli} subcommand), whatever
 *                     the transport
 * @param dagRuns      starts and reads DAG runs, through the transport the settings choose
 * @param controlPlane the MWAA API of the environment
 * @param attempts     counts the attempts the calls of {@code dagRuns} take, per thread (for the trigger log)
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
        SdkMwaaControlPlane controlPlane = SdkMwaaControlPlane.create(settings.environmentName(), settings.region(),
                settings.endpointOverride());
        return create(settings, controlPlane, controlPlane.restApiEndpoint(), Clock.systemUTC(), Backoff.standard());
    }

    /**
     * The services for {@code settings} over {@code controlPlane}, retrying with {@code backoff}. With
     * {@code MWAA_TRANSPORT=rest}, {@code controlPlane} must be an {@link SdkMwaaControlPlane}, whose SDK
     * client also serves {@code InvokeRestApi}.
     */
    public static MwaaServices create(Settings settings, MwaaControlPlane controlPlane, Clock clock, Backoff backoff) {
        if (controlPlane instanceof SdkMwaaControlPlane sdk) {
            return create(settings, controlPlane, sdk.restApiEndpoint(), clock, backoff);
        }
        if (settings.transport() == Transport.REST) {
            throw new IllegalArgumentException("MWAA_TRANSPORT=rest needs an InvokeRestApi endpoint: use "
                    + "create(settings, controlPlane, restApiEndpoint, clock, backoff)");
        }
        return create(settings, controlPlane, MwaaServices::noRestApi, clock, backoff);
    }

    /** The services for {@code settings} over {@code controlPlane} and {@code restApi}, retrying with {@code backoff}. */
    public static MwaaServices create(Settings settings, MwaaControlPlane controlPlane, InvokeRestApiEndpoint restApi,
            Clock clock, Backoff backoff) {
        MwaaCliClient cli = MwaaCliClient.create(controlPlane, clock, backoff, Sleeper.SYSTEM,
                settings.maxConcurrentCliCalls());
        MwaaRestApiClient rest = new MwaaRestApiClient(restApi, grant(settings), backoff, Sleeper.SYSTEM);
        return over(cli, rest, controlPlane, settings, backoff, Sleeper.SYSTEM, clock);
    }

    /**
     * The trigger service and queries over any {@code cli}, such as an in-memory Airflow in tests, for
     * the Airflow version {@code settings} configure (or that {@code controlPlane} reports, with
     * {@code auto}). {@code sleeper} waits out same-second collisions. Only for {@code MWAA_TRANSPORT=cli}.
     */
    public static MwaaServices over(AirflowCli cli, MwaaControlPlane controlPlane, Settings settings, Clock clock,
            Sleeper sleeper) {
        if (settings.transport() != Transport.CLI) {
            throw new IllegalArgumentException("MWAA_TRANSPORT=" + settings.transport().value() + " needs an "
                    + "AirflowRestApi: use over(cli, restApi, controlPlane, settings, backoff, sleeper, clock)");
        }
        CountingAirflowCli counted = new CountingAirflowCli(cli);
        return new MwaaServices(cli, cliDagRuns(counted, controlPlane, settings, clock, sleeper), controlPlane, counted);
    }

    /**
     * The services over any {@code cli} and {@code restApi}, such as an in-memory Airflow in tests, starting and
     * reading runs through the one {@code settings} choose, for the Airflow version they configure (or that
     * {@code controlPlane} reports, with {@code auto}). {@code backoff} and {@code sleeper} space retried
     * logical-date collisions.
     */
    public static MwaaServices over(AirflowCli cli, AirflowRestApi restApi, MwaaControlPlane controlPlane,
            Settings settings, Backoff backoff, Sleeper sleeper, Clock clock) {
        return switch (settings.transport()) {
            case CLI -> {
                CountingAirflowCli counted = new CountingAirflowCli(cli);
                yield new MwaaServices(cli, cliDagRuns(counted, controlPlane, settings, clock, sleeper), controlPlane,
                        counted);
            }
            case REST -> {
                CountingAirflowRestApi counted = new CountingAirflowRestApi(restApi);
                yield new MwaaServices(cli, new RestDagRuns(counted, settings.airflowVersion()
                        .map(RestApiDialects::fixed).orElseGet(() -> RestApiDialects.discoveredThrough(controlPlane)),
                        grant(settings), backoff, sleeper), controlPlane, counted);
            }
        };
    }

    private static DagRuns cliDagRuns(AirflowCli cli, MwaaControlPlane controlPlane, Settings settings, Clock clock,
            Sleeper sleeper) {
        AirflowDialects dialects = settings.airflowVersion()
                .map(AirflowDialects::fixed)
                .orElseGet(() -> AirflowDialects.discoveredThrough(controlPlane));
        DagRunQueries runs = new DagRunQueries(cli, dialects);
        TriggerService triggers = new TriggerService(cli, dialects, runs, clock, sleeper);
        return new CliDagRuns(triggers, runs);
    }

    /** Where no InvokeRestApi endpoint was given: never called, as the settings choose the CLI. */
    private static RestApiExchange noRestApi(RestApiRequest request, Deadline deadline) {
        return new RestApiExchange.Refused(RestApiExchange.Refusal.NOT_SENDABLE, 0, "NoEndpoint",
                "no InvokeRestApi endpoint was configured");
    }

    private static InvokeRestApiGrant grant(Settings settings) {
        return new InvokeRestApiGrant(settings.environmentName(), settings.region(), settings.airflowRole());
    }
}
