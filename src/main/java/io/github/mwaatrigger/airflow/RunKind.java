package io.github.mwaatrigger.airflow;

import java.util.Objects;
import java.util.Optional;

/**
 * What a run's id says about how it was made, by Airflow's own rule ({@code DagRunType.from_run_id}):
 * Airflow names the runs it makes itself {@code scheduled__...}, {@code backfill__...},
 * {@code dataset_triggered__...} (2.x) or {@code asset_triggered__...} (3.x), and a manual trigger without a
 * run id {@code manual__...}; any other id was given by whoever triggered the run by hand (the REST API,
 * the UI, {@code dags trigger -r}, {@code TriggerDagRunOperator}), which Airflow records as a
 * {@code manual}, externally triggered run. Read from {@code dags list-runs}, which prints neither.
 *
 * @param runType         Airflow's {@code run_type} as its stable REST API (v1) names it, or empty for a
 *                        type v1 cannot express ({@code asset_triggered}, Airflow 3's)
 * @param externalTrigger {@code true} for a run id given by hand; empty where the id alone does not tell
 *                        (a {@code manual__} run may come from {@code dags test}, which is not external)
 */
public record RunKind(Optional<String> runType, Optional<Boolean> externalTrigger) {

    public RunKind {
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(externalTrigger, "externalTrigger");
    }

    /** What {@code runId} tells. */
    public static RunKind of(String runId) {
        Objects.requireNonNull(runId, "runId");
        if (runId.startsWith("scheduled__")) {
            return new RunKind(Optional.of("scheduled"), Optional.empty());
        }
        if (runId.startsWith("backfill__")) {
            return new RunKind(Optional.of("backfill"), Optional.empty());
        }
        if (runId.startsWith("dataset_triggered__")) {
            return new RunKind(Optional.of("dataset_triggered"), Optional.empty());
        }
        if (runId.startsWith("asset_triggered__")) {
            return new RunKind(Optional.empty(), Optional.empty());
        }
        if (runId.startsWith("manual__")) {
            return new RunKind(Optional.of("manual"), Optional.empty());
        }
        return new RunKind(Optional.of("manual"), Optional.of(true));
    }
}
