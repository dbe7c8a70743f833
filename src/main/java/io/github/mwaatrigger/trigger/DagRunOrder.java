package io.github.mwaatrigger.trigger;

import java.util.List;
import java.util.Objects;

/**
 * How a list of DAG runs is sorted: Airflow's {@code order_by} query parameter, a field name, prefixed
 * with {@code -} for descending order ({@code -execution_date}).
 *
 * @param field      one of {@link #FIELDS}
 * @param descending whether the largest value comes first
 */
public record DagRunOrder(String field, boolean descending) {

    /**
     * The fields Airflow's stable REST API (2.10) sorts DAG runs by; {@code id} is the order runs were
     * created in, Airflow's default.
     */
    public static final List<String> FIELDS = List.of("id", "state", "dag_id", "execution_date", "dag_run_id",
            "start_date", "end_date", "updated_at", "external_trigger", "conf");

    /** Newest logical date first: this API's default order (and what {@code dags list-runs} prints). */
    public static final DagRunOrder NEWEST_FIRST = new DagRunOrder("execution_date", true);

    public DagRunOrder {
        Objects.requireNonNull(field, "field");
        if (!FIELDS.contains(field)) {
            throw new IllegalArgumentException("ordering by '" + field + "' is not possible: order by one of "
                    + String.join(", ", FIELDS) + ", with a leading '-' for descending order");
        }
    }

    /**
     * Reads Airflow's form, {@code field} or {@code -field}.
     *
     * @throws IllegalArgumentException if the field is not one DAG runs can be ordered by; the message says
     *                                  which can
     */
    public static DagRunOrder parse(String orderBy) {
        boolean descending = orderBy.startsWith("-");
        return new DagRunOrder(descending ? orderBy.substring(1) : orderBy, descending);
    }

    /** Airflow's form: {@code -execution_date}. */
    public String parameter() {
        return (descending ? "-" : "") + field;
    }

    @Override
    public String toString() {
        return parameter();
    }
}
