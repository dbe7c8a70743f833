package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import java.util.Objects;

/** The DAG run a trigger led to, and whether it was made now. */
public record TriggerResult(DagRun run, TriggerOutcome outcome) {

    public TriggerResult {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(outcome, "outcome");
    }
}
