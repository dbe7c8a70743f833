package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.ListRunsFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link DagRunListQuery} as the Airflow CLI can answer it. {@code dags list-runs} prints each run's
 * id, state, logical date, start and end dates, and narrows by one state and a logical-date range; so
 * {@code state} (one value), {@code execution_date_gte} and {@code execution_date_lte} go to Airflow
 * ({@link #filter()}), several states and the start and end date ranges are filtered here as the runs are
 * read ({@link #matches}), and the order and page are made here. What the CLI does not print (when a run
 * was last updated, its creation order, its conf) cannot be filtered or sorted by: such a query is refused
 * with {@link UnanswerableQueryException}, naming the parameter.
 */
final class CliListQuery {

    /** What each {@code order_by} field the CLI can sort by compares. */
    private static final Map<String, Function<DagRun, Comparable<?>>> SORT_KEYS = Map.of(
            "execution_date", run -> instant(run.logicalDate()),
            "start_date", run -> instant(run.startDate()),
            "end_date", run -> instant(run.endDate()),
            "dag_run_id", DagRun::runId,
            "state", DagRun::state,
            "dag_id", DagRun::dagId);
    private static final String REST_ADVICE = "the REST transport can (it passes the query to Airflow's REST API): "
            + "set MWAA_TRANSPORT=rest (the template's Transport=rest)";

    private final DagRunListQuery query;

    private CliListQuery(DagRunListQuery query) {
        this.query = query;
    }

    /** @throws UnanswerableQueryException if a parameter is beyond what the CLI can tell */
    static CliListQuery of(DagRunListQuery query) {
        if (query.updatedAtGte().isPresent() || query.updatedAtLte().isPresent()) {
            String parameter = query.updatedAtGte().isPresent() ? "updated_at_gte" : "updated_at_lte";
            throw new UnanswerableQueryException(parameter, "'" + parameter + "' cannot be answered through the "
                    + "Airflow CLI, which does not tell when a run was last updated: filter by execution_date_gte/lte, "
                    + "start_date_gte/lte or end_date_gte/lte instead; " + REST_ADVICE);
        }
        if (!SORT_KEYS.containsKey(query.orderBy().field())) {
            throw new UnanswerableQueryException("order_by", "order_by '" + query.orderBy() + "' cannot be answered "
                    + "through the Airflow CLI, which does not print a run's " + query.orderBy().field() + ": order by "
                    + String.join(", ", List.of("execution_date", "dag_run_id", "state", "start_date", "end_date"))
                    + " (with a leading '-' for descending order); " + REST_ADVICE);
        }
        return new CliListQuery(query);
    }

    /** What {@code dags list-runs} narrows its answer to. */
    ListRunsFilter filter() {
        Optional<String> state = query.state().size() == 1
                ? Optional.of(query.state().iterator().next().value()) : Optional.empty();
        return new ListRunsFilter(state, query.executionDateGte(), query.executionDateLte());
    }

    /** Whether {@code run}, as {@code dags list-runs} printed it, is one the query asks for. */
    boolean matches(DagRun run) {
        return (query.state().isEmpty() || query.state().stream().anyMatch(state -> state.value().equals(run.state())))
                && within(run.logicalDate(), query.executionDateGte(), query.executionDateLte())
                && within(run.startDate(), query.startDateGte(), query.startDateLte())
                && within(run.endDate(), query.endDateGte(), query.endDateLte());
    }

    /** The order asked for; runs the CLI printed no value for come last in ascending order, as in SQL. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<DagRun> order() {
        Function<DagRun, Comparable> key = (Function) SORT_KEYS.get(query.orderBy().field());
        Comparator<DagRun> ascending = Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
        return query.orderBy().descending() ? ascending.reversed() : ascending;
    }

    int offset() {
        return query.offset();
    }

    int limit() {
        return query.limit();
    }

    boolean isNewestFirst() {
        return query.orderBy().equals(DagRunOrder.NEWEST_FIRST);
    }

    private static boolean within(String date, Optional<Instant> from, Optional<Instant> until) {
        if (from.isEmpty() && until.isEmpty()) {
            return true;
        }
        Instant instant = instant(date);
        return instant != null && from.map(f -> !instant.isBefore(f)).orElse(true)
                && until.map(u -> !instant.isAfter(u)).orElse(true);
    }

    private static Instant instant(String isoDate) {
        return isoDate == null ? null : OffsetDateTime.parse(isoDate).toInstant();
    }
}
