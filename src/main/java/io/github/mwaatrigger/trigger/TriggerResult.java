package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.util.Objects;

/** The DAG run a trigger led to, and whether it was made now. */
public record TriggerResult(DagRun run, TriggerOutcome outcome) {

    public TriggerResult {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** {@code {"dag_id", "dag_run_id", "state", "logical_date", "outcome"}}, unknown values as null. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("dag_id", run.dagId())
                .put("dag_run_id", run.runId())
                .put("state", orNull(run.state()))
                .put("logical_date", orNull(run.logicalDate()))
                .put("outcome", outcome.name())
                .build();
    }

    private static JsonValue orNull(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }
}
