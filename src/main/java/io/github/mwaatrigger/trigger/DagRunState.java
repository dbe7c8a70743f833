package io.github.mwaatrigger.trigger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The states of a DAG run, as Airflow names them ({@code DagState} in its stable REST API). */
public enum DagRunState {
    QUEUED, RUNNING, SUCCESS, FAILED;

    /** The name Airflow uses: {@code queued}, {@code running}, {@code success} or {@code failed}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state Airflow calls {@code value}, if it is one. */
    public static Optional<DagRunState> of(String value) {
        return Arrays.stream(values()).filter(state -> state.value().equals(value)).findFirst();
    }
}
