package io.github.mwaatrigger.trigger;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which runs of a DAG to list, and which page of them: the query parameters of Airflow's stable REST API
 * (v1) {@code GET /dags/{dag_id}/dagRuns}, one component per parameter, each documented with the name
 * Airflow gives it. Every component has a value (empty filters match every run), so a transport either
 * honours all of them or refuses the query with {@link UnanswerableQueryException} naming the one it
 * cannot answer; none is ignored.
 *
 * @param limit            {@code limit}: the most runs to return, at least 1
 * @param offset           {@code offset}: how many matching runs to skip, at least 0
 * @param orderBy          {@code order_by}: the order, e.g. {@code -execution_date} (this API's default)
 * @param state            {@code state} (repeatable): only runs in one of these states; empty for any state
 * @param executionDateGte {@code execution_date_gte}: only runs whose logical date is at or after this
 * @param executionDateLte {@code execution_date_lte}: only runs whose logical date is at or before this
 * @param startDateGte     {@code start_date_gte}: only runs that started at or after this
 * @param startDateLte     {@code start_date_lte}: only runs that started at or before this
 * @param endDateGte       {@code end_date_gte}: only runs that ended at or after this
 * @param endDateLte       {@code end_date_lte}: only runs that ended at or before this
 * @param updatedAtGte     {@code updated_at_gte}: only runs last updated at or after this
 * @param updatedAtLte     {@code updated_at_lte}: only runs last updated at or before this
 */
public record DagRunListQuery(int limit, int offset, DagRunOrder orderBy, Set<DagRunState> state,
        Optional<Instant> executionDateGte, Optional<Instant> executionDateLte,
        Optional<Instant> startDateGte, Optional<Instant> startDateLte,
        Optional<Instant> endDateGte, Optional<Instant> endDateLte,
        Optional<Instant> updatedAtGte, Optional<Instant> updatedAtLte) {

    /** Airflow's default page size. */
    public static final int DEFAULT_LIMIT = 100;

    public DagRunListQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, got " + offset);
        }
        Objects.requireNonNull(orderBy, "orderBy");
        state = Objects.requireNonNull(state, "state").isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(state)); // in Airflow's order of states
        Objects.requireNonNull(executionDateGte, "executionDateGte");
        Objects.requireNonNull(executionDateLte, "executionDateLte");
        Objects.requireNonNull(startDateGte, "startDateGte");
        Objects.requireNonNull(startDateLte, "startDateLte");
        Objects.requireNonNull(endDateGte, "endDateGte");
        Objects.requireNonNull(endDateLte, "endDateLte");
        Objects.requireNonNull(updatedAtGte, "updatedAtGte");
        Objects.requireNonNull(updatedAtLte, "updatedAtLte");
    }

    /** A page of every run, newest first. */
    public DagRunListQuery(int limit, int offset) {
        this(limit, offset, DagRunOrder.NEWEST_FIRST, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A query for the first {@value #DEFAULT_LIMIT} runs, newest first, to change as needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a {@link DagRunListQuery}; every parameter starts at its default. */
    public static final class Builder {
        private int limit = DEFAULT_LIMIT;
        private int offset;
        private DagRunOrder orderBy = DagRunOrder.NEWEST_FIRST;
        private Set<DagRunState> state = Set.of();
        private Optional<Instant> executionDateGte = Optional.empty();
        private Optional<Instant> executionDateLte = Optional.empty();
        private Optional<Instant> startDateGte = Optional.empty();
        private Optional<Instant> startDateLte = Optional.empty();
        private Optional<Instant> endDateGte = Optional.empty();
        private Optional<Instant> endDateLte = Optional.empty();
        private Optional<Instant> updatedAtGte = Optional.empty();
        private Optional<Instant> updatedAtLte = Optional.empty();

        private Builder() {
        }

        public Builder limit(int value) {
            limit = value;
            return this;
        }

        public Builder offset(int value) {
            offset = value;
            return this;
        }

        public Builder orderBy(DagRunOrder value) {
            orderBy = value;
            return this;
        }

        public Builder state(Set<DagRunState> value) {
            state = value;
            return this;
        }

        public Builder executionDateGte(Instant value) {
            executionDateGte = Optional.of(value);
            return this;
        }

        public Builder executionDateLte(Instant value) {
            executionDateLte = Optional.of(value);
            return this;
        }

        public Builder startDateGte(Instant value) {
            startDateGte = Optional.of(value);
            return this;
        }

        public Builder startDateLte(Instant value) {
            startDateLte = Optional.of(value);
            return this;
        }

        public Builder endDateGte(Instant value) {
            endDateGte = Optional.of(value);
            return this;
        }

        public Builder endDateLte(Instant value) {
            endDateLte = Optional.of(value);
            return this;
        }

        public Builder updatedAtGte(Instant value) {
            updatedAtGte = Optional.of(value);
            return this;
        }

        public Builder updatedAtLte(Instant value) {
            updatedAtLte = Optional.of(value);
            return this;
        }

        public DagRunListQuery build() {
            return new DagRunListQuery(limit, offset, orderBy, state, executionDateGte, executionDateLte,
                    startDateGte, startDateLte, endDateGte, endDateLte, updatedAtGte, updatedAtLte);
        }
    }
}
