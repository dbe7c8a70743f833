package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.json.JsonObject;
import java.util.Objects;

/** What {@code dags state} answered. */
public sealed interface DagStateReply {

    /**
     * The run's state and conf; {@code conf} is {@code {}} when Airflow printed none, which it does for an
     * empty conf (and for none at all, which its REST API also shows as {@code {}}).
     */
    record Found(String state, JsonObject conf) implements DagStateReply {
        public Found {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(conf, "conf");
        }
    }

    /** No run of the DAG has that logical date (or run id): Airflow printed {@code None}. */
    record NoRun() implements DagStateReply {
    }

    /** Airflow refused or failed; see the error's kind. */
    record Refused(AirflowError error) implements DagStateReply {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
