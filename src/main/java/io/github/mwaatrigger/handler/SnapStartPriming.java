package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.RestApiDialect;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.mwaa.CallRehearsal;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.SdkMwaaControlPlane;
import io.github.mwaatrigger.mwaa.Sleeper;
import io.github.mwaatrigger.mwaa.TlsWarmUp;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes a function before Lambda SnapStart takes its snapshot, so that restored environments start with
 * the work done: the AWS SDK client built, the TLS stack and trust store loaded, a whole trigger rehearsed
 * through the real transport against an in-process stand-in ({@link CallRehearsal}: signing, the SDK's JSON
 * protocol and HTTP client, TLS handshakes, the CLI endpoint, our JSON and the Airflow dialect), and the
 * function's own code paths run on canned input (REST bodies
 * built and canned REST answers read too). Nothing reaches MWAA or Airflow: the rehearsal's token is
 * made up by the stand-in, its credentials are made up, and its connections are closed, so the snapshot holds
 * no credential and no connection that would be stale when restored.
 */
final class SnapStartPriming implements Resource {

    private static final System.Logger LOG = System.getLogger(SnapStartPriming.class.getName());
    private static final Duration REHEARSAL_TIME = Duration.ofSeconds(10);

    private static final String CANNED_TRIGGER = "[{\"conf\": {\"key\": \"k\"}, \"dag_id\": \"priming_dag\", "
            + "\"dag_run_id\": \"priming_run\", \"external_trigger\": \"True\", \"logical_date\": "
            + "\"2024-01-01 00:00:00+00:00\", \"run_type\": \"manual\", \"state\": \"queued\"}]\n";
    private static final String CANNED_TRACEBACK = "Traceback (most recent call last):\n"
            + "airflow.exceptions.DagRunAlreadyExists: A DAG Run already exists for DAG priming_dag at "
            + "2024-01-01 00:00:00+00:00 with run id priming_run\n";
    private static final String CANNED_RUNS = "[{\"dag_id\": \"priming_dag\", \"run_id\": \"priming_run\", "
            + "\"state\": \"running\", \"execution_date\": \"2024-01-01T00:00:00+00:00\", \"start_date\": \"\", "
            + "\"end_date\": \"\"}]\n";

    private static final String CANNED_REST_RUN = "{\"conf\": {\"key\": \"k\"}, \"dag_id\": \"priming_dag\", "
            + "\"dag_run_id\": \"priming_run\", \"logical_date\": \"2024-01-01T00:00:00+00:00\", \"state\": "
            + "\"queued\", \"run_type\": \"manual\", \"external_trigger\": true, \"note\": null}";

    private final MwaaServices services;
    private final Runnable functionPath;

    /**
     * @param functionPath the function's own code path on canned input; it must not call MWAA
     */
    SnapStartPriming(MwaaServices services, Runnable functionPath) {
        this.services = Objects.requireNonNull(services, "services");
        this.functionPath = Objects.requireNonNull(functionPath, "functionPath");
    }

    /** Registers with the runtime's CRaC context (which holds it weakly: the handler keeps a reference). */
    SnapStartPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: no token, connection or random state was made before the snapshot.
    }

    /** Does the priming; also callable directly (tests). */
    void prime() {
        services.prepare();
        TlsWarmUp.run();
        rehearseACall();
        readCannedAirflowAnswers();
        functionPath.run();
    }

    /**
     * Rehearses a trigger when the function reaches MWAA through the AWS SDK (an in-memory Airflow in tests has
     * no transport to rehearse). A failure only means the first invocation does that work, so it is logged and
     * the priming goes on.
     */
    private void rehearseACall() {
        if (services.controlPlane() instanceof SdkMwaaControlPlane sdk) {
            try {
                rehearse(sdk.region());
            } catch (GeneralSecurityException | IOException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "SnapStart priming could not rehearse a call ({0}); the first invocation "
                        + "will load what it would have", e.toString());
            }
        }
    }

    /**
     * One trigger of {@code priming_dag}, through the trigger service, the Airflow {@value CallRehearsal#AIRFLOW_VERSION}
     * dialect and the real transport, against a {@link CallRehearsal} whose web server answers with a canned
     * run; {@code GetEnvironment} is asked first, as {@code AIRFLOW_VERSION=auto} would.
     *
     * @return what the trigger reported (for tests)
     */
    static TriggerResult rehearse(String region) throws GeneralSecurityException, IOException {
        try (CallRehearsal rehearsal = CallRehearsal.start(region, CANNED_TRIGGER)) {
            Deadline deadline = Deadline.after(REHEARSAL_TIME);
            AirflowVersion version = AirflowVersion.parse(rehearsal.controlPlane().airflowVersion(deadline));
            Settings settings = new Settings(CallRehearsal.ENVIRONMENT, Optional.of(version), region, Optional.empty(), 1,
                    Transport.CLI, Optional.empty());
            MwaaServices graph = MwaaServices.over(rehearsal.cli(), rehearsal.controlPlane(), settings,
                    Clock.systemUTC(), Sleeper.SYSTEM);
            return graph.dagRuns().trigger(DagRunRequest.of("priming_dag", "priming_run",
                    Json.parseObject("{\"key\": \"k\"}", "conf")), deadline);
        }
    }

    private static void readCannedAirflowAnswers() {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(2, 10, 3));
        JsonObject conf = Json.parseObject("{\"bucket\": \"b\", \"key\": \"k\", \"size\": 1}", "conf");
        JsonWriter.compact().write(conf);
        dialect.triggerCommand("priming_dag", "priming_run", conf, Optional.empty()).commandLine();
        dialect.readTrigger(new CliOutput(CANNED_TRIGGER, ""), "priming_dag", "priming_run", conf);
        dialect.readTrigger(new CliOutput("", CANNED_TRACEBACK), "priming_dag", "priming_run", conf);
        dialect.readRuns(new CliOutput(CANNED_RUNS, ""), "priming_dag", run -> { });
        dialect.readDagState(new CliOutput("running, {\"key\": \"k\"}\n", ""));
        for (String version : new String[] {"2.10.3", "3.0.6"}) {
            RestApiDialect rest = RestApiDialect.of(AirflowVersion.parse(version));
            rest.triggerBody("priming_run", conf, Optional.empty());
            rest.readRun(Json.parse(CANNED_REST_RUN), "priming_dag");
        }
    }
}
