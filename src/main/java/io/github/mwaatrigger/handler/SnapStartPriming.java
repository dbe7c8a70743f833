package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.RestApiDialect;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.mwaa.TlsWarmUp;
import java.util.Objects;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes a function before Lambda SnapStart takes its snapshot, so that restored environments start with
 * the work done: the AWS SDK client built, the TLS stack and trust store loaded, and the function's own
 * code paths run on canned input that never reaches MWAA (a trigger command and REST bodies built and canned
 * Airflow answers read). It never creates a CLI token and never opens a connection, so the snapshot holds no
 * credential and no connection that would be stale when restored.
 */
final class SnapStartPriming implements Resource {

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
        readCannedAirflowAnswers();
        functionPath.run();
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
