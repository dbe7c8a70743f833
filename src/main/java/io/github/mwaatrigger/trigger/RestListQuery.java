package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.RestApiDialect;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DagRunListQuery} as Airflow's REST API takes it: every parameter goes to Airflow, which filters,
 * sorts and pages, so a list costs one call whatever the DAG's history. The names are the version's
 * ({@link RestApiDialect}): on Airflow 3 the logical-date filters are {@code logical_date_gte} and
 * {@code logical_date_lte}, and the order fields are renamed. A query parameter is a JSON string, and a
 * repeated one (several states) a JSON array of strings, which {@code InvokeRestApi} sends as the parameter
 * repeated. An order the version cannot sort by is refused with {@link UnanswerableQueryException}.
 */
final class RestListQuery {

    private RestListQuery() {
    }

    /** @throws UnanswerableQueryException if {@code dialect}'s Airflow cannot sort as asked */
    static JsonObject of(DagRunListQuery query, RestApiDialect dialect) {
        String field = dialect.orderField(query.orderBy().field()).orElseThrow(() -> new UnanswerableQueryException(
                "order_by", "order_by '" + query.orderBy() + "' cannot be answered by " + dialect + ", which no "
                + "longer records a run's " + query.orderBy().field() + ": order by execution_date, dag_run_id, "
                + "state, start_date, end_date or updated_at (with a leading '-' for descending order)"));
        JsonObject.Builder parameters = JsonObject.builder()
                .put("limit", Integer.toString(query.limit()))
                .put("offset", Integer.toString(query.offset()))
                .put("order_by", (query.orderBy().descending() ? "-" : "") + field);
        if (query.state().size() == 1) {
            parameters.put("state", query.state().iterator().next().value());
        } else if (!query.state().isEmpty()) {
            List<JsonValue> states = query.state().stream().<JsonValue>map(state -> new JsonString(state.value()))
                    .toList();
            parameters.put("state", new JsonArray(states));
        }
        String logicalDate = dialect.logicalDateFilter();
        date(parameters, logicalDate + "_gte", query.executionDateGte(), dialect);
        date(parameters, logicalDate + "_lte", query.executionDateLte(), dialect);
        date(parameters, "start_date_gte", query.startDateGte(), dialect);
        date(parameters, "start_date_lte", query.startDateLte(), dialect);
        date(parameters, "end_date_gte", query.endDateGte(), dialect);
        date(parameters, "end_date_lte", query.endDateLte(), dialect);
        date(parameters, "updated_at_gte", query.updatedAtGte(), dialect);
        date(parameters, "updated_at_lte", query.updatedAtLte(), dialect);
        return parameters.build();
    }

    private static void date(JsonObject.Builder parameters, String name, Optional<Instant> value,
            RestApiDialect dialect) {
        value.ifPresent(instant -> parameters.put(name, dialect.dateParameter(instant)));
    }
}
