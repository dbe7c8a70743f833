package io.github.mwaatrigger.airflow;

import java.util.List;
import java.util.Objects;

/** What {@code dags list-runs} answered. */
public sealed interface RunsReply {

    /** The DAG's runs, newest first. */
    record Listed(List<DagRun> runs) implements RunsReply {
        public Listed {
            runs = List.copyOf(runs);
        }
    }

    /** Airflow refused or failed; see the error's kind. */
    record Refused(AirflowError error) implements RunsReply {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
