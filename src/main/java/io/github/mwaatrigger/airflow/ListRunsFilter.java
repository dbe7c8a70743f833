package io.github.mwaatrigger.airflow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code dags list-runs} can narrow its answer to on Airflow's side (its {@code --state},
 * {@code --start-date} and {@code --end-date} options, on Airflow 2.0+), so that fewer runs are printed
 * and sent back.
 *
 * @param state            only runs in this state ({@code queued}, {@code running}, {@code success},
 *                         {@code failed})
 * @param logicalDateFrom  only runs whose logical (execution) date is at or after this
 * @param logicalDateUntil only runs whose logical (execution) date is at or before this
 */
public record ListRunsFilter(Optional<String> state, Optional<Instant> logicalDateFrom,
        Optional<Instant> logicalDateUntil) {

    private static final ListRunsFilter NONE = new ListRunsFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public ListRunsFilter {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(logicalDateFrom, "logicalDateFrom");
        Objects.requireNonNull(logicalDateUntil, "logicalDateUntil");
        state.ifPresent(value -> {
            if (!value.matches("[a-z_]+")) {
                throw new IllegalArgumentException("'" + value + "' is not a DAG run state");
            }
        });
    }

    /** Every run. */
    public static ListRunsFilter none() {
        return NONE;
    }

    /** Runs whose logical date is exactly {@code date}. */
    public static ListRunsFilter atLogicalDate(Instant date) {
        return new ListRunsFilter(Optional.empty(), Optional.of(date), Optional.of(date));
    }
}
