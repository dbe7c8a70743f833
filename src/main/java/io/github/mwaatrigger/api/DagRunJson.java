package io.github.mwaatrigger.api;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;

/**
 * A DAG run as Airflow's REST API writes it (the {@code DAGRun} object, keys in Airflow's sorted order).
 * What MWAA's CLI did not report is {@code null}, never made up.
 */
final class DagRunJson {

    private DagRunJson() {
    }

    static JsonObject of(DagRun run) {
        return JsonObject.builder()
                .put("conf", run.conf() == null ? JsonNull.INSTANCE : run.conf())
                .put("dag_id", run.dagId())
                .put("dag_run_id", run.runId())
                .putNull("data_interval_end")
                .putNull("data_interval_start")
                .put("end_date", text(run.endDate()))
                .put("execution_date", text(run.logicalDate()))
                .put("external_trigger", run.externalTrigger() == null ? JsonNull.INSTANCE
                        : JsonBoolean.of(run.externalTrigger()))
                .putNull("last_scheduling_decision")
                .put("logical_date", text(run.logicalDate()))
                .putNull("note")
                .put("run_type", text(run.runType()))
                .put("start_date", text(run.startDate()))
                .put("state", text(run.state()))
                .build();
    }

    private static JsonValue text(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }
}
