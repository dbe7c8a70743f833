package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.json.JsonObject;
import java.util.Objects;

/**
 * A DAG run as Airflow reported it, through its CLI or its REST API. Every field other than the ids is
 * {@code null} when the command that produced it does not report it (for example {@code dags list-runs}
 * does not print conf): nothing here is guessed.
 *
 * @param dagId           the DAG
 * @param runId           the run id
 * @param state           {@code queued}, {@code running}, {@code success}, {@code failed}..., or null
 * @param logicalDate     the logical (execution) date in ISO 8601, or null
 * @param startDate       when the run started, ISO 8601, or null
 * @param endDate         when the run ended, ISO 8601, or null
 * @param conf            the run's conf, or null
 * @param runType         {@code manual}, {@code scheduled}..., or null
 * @param externalTrigger whether the run was triggered from outside the scheduler, or null
 * @param note            the run's note (Airflow's REST API reports it; the CLI does not), or null
 */
public record DagRun(String dagId, String runId, String state, String logicalDate, String startDate,
        String endDate, JsonObject conf, String runType, Boolean externalTrigger, String note) {

    public DagRun {
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(runId, "runId");
    }

    /** A run as the CLI reports it: without a note. */
    public DagRun(String dagId, String runId, String state, String logicalDate, String startDate, String endDate,
            JsonObject conf, String runType, Boolean externalTrigger) {
        this(dagId, runId, state, logicalDate, startDate, endDate, conf, runType, externalTrigger, null);
    }

    /** A run known only by its ids. */
    public static DagRun identifiedBy(String dagId, String runId) {
        return new DagRun(dagId, runId, null, null, null, null, null, null, null);
    }
}
