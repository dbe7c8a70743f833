package io.github.mwaatrigger.airflow;

import java.util.Objects;

/** What {@code dags trigger} answered. */
public sealed interface TriggerReply {

    /** The run was created. */
    record Created(DagRun run) implements TriggerReply {
        public Created {
            Objects.requireNonNull(run, "run");
        }
    }

    /** Airflow refused or failed; see the error's kind. */
    record Refused(AirflowError error) implements TriggerReply {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
