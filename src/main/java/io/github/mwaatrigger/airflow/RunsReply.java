package io.github.mwaatrigger.airflow;

import java.util.Objects;

/** What {@code dags list-runs} answered; the runs themselves went, one by one, to the reader's consumer. */
public sealed interface RunsReply {

    /** The runs were listed; {@code count} of them, newest first. */
    record Listed(int count) implements RunsReply {
    }

    /** Airflow refused or failed; see the error's kind. */
    record Refused(AirflowError error) implements RunsReply {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
