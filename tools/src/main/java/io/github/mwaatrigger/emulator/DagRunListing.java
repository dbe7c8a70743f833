package io.github.mwaatrigger.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The database side of listing DAG runs, shared by both REST API versions: filters on state and on date
 * ranges, ordering by a column (a leading {@code -} for descending; NULLs sort as PostgreSQL sorts them, after
 * every value), the count before paging, then {@code offset} and {@code limit}.
 */
final class DagRunListing {

    /** A date column of the {@code dag_run} table. */
    enum DateColumn {
        LOGICAL_DATE, START_DATE, END_DATE, RUN_AFTER, UPDATED_AT;

        Optional<Instant> of(EmulatedRun run, Instant now) {
            return switch (this) {
                case LOGICAL_DATE -> run.logicalDate();
                case START_DATE -> run.startDate(now);
                case END_DATE -> run.endDate(now);
                case RUN_AFTER -> Optional.of(run.runAfter());
                case UPDATED_AT -> run.endDate(now).or(() -> run.startDate(now)).or(() -> Optional.of(run.runAfter()));
            };
        }
    }

    /** {@code column >= instant} ({@code atLeast}) or {@code column <= instant}. */
    record Bound(DateColumn column, boolean atLeast, Instant instant) {
        boolean admits(EmulatedRun run, Instant now) {
            return column.of(run, now)
                    .map(value -> atLeast ? !value.isBefore(instant) : !value.isAfter(instant))
                    .orElse(false);
        }
    }

    /** One page of runs, and how many runs matched the filters. */
    record Page(List<EmulatedRun> runs, int totalEntries) {
    }

    private DagRunListing() {
    }

    /**
     * @param runs    the candidate runs in creation order (the table's {@code id})
     * @param states  the states to keep; empty keeps every state
     * @param orderBy a column name ({@code id}, {@code state}, {@code dag_id}, {@code run_id},
     *                {@code logical_date}, {@code run_after}, {@code start_date}, {@code end_date},
     *                {@code updated_at}; others order as {@code id}), with a leading {@code -} for descending
     */
    static Page list(List<EmulatedRun> runs, Instant now, Set<String> states, List<Bound> bounds, String orderBy,
            int offset, int limit) {
        List<EmulatedRun> matching = new ArrayList<>();
        for (EmulatedRun run : runs) {
            if ((states.isEmpty() || states.contains(run.state(now)))
                    && bounds.stream().allMatch(bound -> bound.admits(run, now))) {
                matching.add(run);
            }
        }
        boolean descending = orderBy.startsWith("-");
        Comparator<EmulatedRun> order = comparator(orderBy.substring(descending ? 1 : 0), now, runs);
        matching.sort(descending ? order.reversed() : order);
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + limit);
        return new Page(List.copyOf(matching.subList(from, to)), matching.size());
    }

    private static Comparator<EmulatedRun> comparator(String column, Instant now, List<EmulatedRun> creationOrder) {
        Comparator<EmulatedRun> byId = Comparator.comparingInt(creationOrder::indexOf);
        return switch (column) {
            case "state" -> Comparator.comparing((EmulatedRun run) -> run.state(now));
            case "dag_id" -> Comparator.comparing(EmulatedRun::dagId);
            case "run_id" -> Comparator.comparing(EmulatedRun::runId);
            case "logical_date", "execution_date" -> nullsLast(DateColumn.LOGICAL_DATE, now);
            case "run_after" -> nullsLast(DateColumn.RUN_AFTER, now);
            case "start_date" -> nullsLast(DateColumn.START_DATE, now);
            case "end_date" -> nullsLast(DateColumn.END_DATE, now);
            case "updated_at" -> nullsLast(DateColumn.UPDATED_AT, now);
            default -> byId;
        };
    }

    private static Comparator<EmulatedRun> nullsLast(DateColumn column, Instant now) {
        Function<EmulatedRun, Instant> value = run -> column.of(run, now).orElse(null);
        return Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder()));
    }
}
