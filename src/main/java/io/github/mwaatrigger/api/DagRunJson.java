package io.github.mwaatrigger.api;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.util.Set;

/**
 * A DAG run as Airflow's stable REST API (v1) writes it: the {@code DAGRun} object, keys in Airflow's
 * sorted order, valid against its OpenAPI schema. Nothing is made up: a field the specification allows
 * to be {@code null} ({@code logical_date}, {@code start_date}, {@code note}...) is {@code null} when the
 * transport did not report it; a field it does not allow to be {@code null} ({@code conf}, {@code state},
 * {@code run_type}, {@code external_trigger}) is left out when the transport did not report it, as the
 * specification, which requires no field, allows.
 */
final class DagRunJson {

    /** {@code DAGRun.run_type}'s enum in v1. */
    private static final Set<String> RUN_TYPES = Set.of("backfill", "manual", "scheduled", "dataset_triggered");
    /** {@code DagState}'s enum in v1. */
    private static final Set<String> STATES = Set.of("queued", "running", "success", "failed");

    private DagRunJson() {
    }

    static JsonObject of(DagRun run) {
        JsonObject.Builder json = JsonObject.builder();
        if (run.conf() != null) {
            json.put("conf", run.conf());
        }
        json.put("dag_id", run.dagId())
                .put("dag_run_id", run.runId())
                .putNull("data_interval_end")
                .putNull("data_interval_start")
                .put("end_date", text(run.endDate()))
                .put("execution_date", text(run.logicalDate()));
        if (run.externalTrigger() != null) {
            json.put("external_trigger", JsonBoolean.of(run.externalTrigger()));
        }
        json.putNull("last_scheduling_decision")
                .put("logical_date", text(run.logicalDate()))
                .putNull("note");
        if (run.runType() != null && RUN_TYPES.contains(run.runType())) {
            json.put("run_type", run.runType());
        }
        json.put("start_date", text(run.startDate()));
        if (run.state() != null && STATES.contains(run.state())) {
            json.put("state", run.state());
        }
        return json.build();
    }

    private static JsonValue text(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }
}
