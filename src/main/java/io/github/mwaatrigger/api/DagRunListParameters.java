package io.github.mwaatrigger.api;

import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunOrder;
import io.github.mwaatrigger.trigger.DagRunState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of {@code GET /api/v1/dags/{dag_id}/dagRuns} as Airflow's stable REST API
 * (v1, 2.10) defines them into a {@link DagRunListQuery}. Like Airflow, which validates requests strictly,
 * it refuses a parameter it does not know; it also refuses a value it cannot read, and a parameter given
 * twice that takes one value. {@code state} may be repeated ({@code state=queued&state=running}) or hold
 * several values separated by commas ({@code state=queued,running}, as HTTP APIs join repeated keys).
 */
final class DagRunListParameters {

    /** The parameters Airflow 2.10 takes, in the order its specification lists them. */
    static final List<String> NAMES = List.of("limit", "offset", "execution_date_gte", "execution_date_lte",
            "start_date_gte", "start_date_lte", "end_date_gte", "end_date_lte", "updated_at_gte", "updated_at_lte",
            "state", "order_by");
    /** Airflow's parameter that this API does not take: it always answers whole DAGRun objects. */
    private static final String FIELDS = "fields";

    private DagRunListParameters() {
    }

    /**
     * The query {@code parameters} ask for.
     *
     * @throws BadRequestException naming the parameter that is unknown, repeated or unreadable
     */
    static DagRunListQuery parse(Map<String, List<String>> parameters) {
        new TreeSet<>(parameters.keySet()).forEach(DagRunListParameters::requireKnown);
        DagRunListQuery.Builder query = DagRunListQuery.builder();
        single(parameters, "limit").ifPresent(value -> query.limit(Math.min(DagRunsApi.MAX_LIMIT,
                wholeNumber("limit", value, 1))));
        single(parameters, "offset").ifPresent(value -> query.offset(wholeNumber("offset", value, 0)));
        single(parameters, "order_by").ifPresent(value -> query.orderBy(order(value)));
        List<String> states = parameters.getOrDefault("state", List.of());
        if (!states.isEmpty()) {
            query.state(states(states));
        }
        date(parameters, "execution_date_gte", query::executionDateGte);
        date(parameters, "execution_date_lte", query::executionDateLte);
        date(parameters, "start_date_gte", query::startDateGte);
        date(parameters, "start_date_lte", query::startDateLte);
        date(parameters, "end_date_gte", query::endDateGte);
        date(parameters, "end_date_lte", query::endDateLte);
        date(parameters, "updated_at_gte", query::updatedAtGte);
        date(parameters, "updated_at_lte", query::updatedAtLte);
        return query.build();
    }

    /**
     * Refuses every parameter of a route that takes none ({@code what} names the route).
     *
     * @throws BadRequestException naming the first parameter, if there is one
     */
    static void requireNone(Map<String, List<String>> parameters, String what) {
        Optional<String> first = new TreeSet<>(parameters.keySet()).stream().findFirst();
        if (first.isPresent()) {
            throw new BadRequestException("unknown query parameter '" + printable(first.get()) + "': " + what
                    + " takes no query parameters");
        }
    }

    private static void requireKnown(String name) {
        if (name.equals(FIELDS)) {
            throw new BadRequestException("the query parameter 'fields' is not supported: this API always answers "
                    + "whole DAG runs; leave it out");
        }
        if (!NAMES.contains(name)) {
            throw new BadRequestException("unknown query parameter '" + printable(name) + "': listing DAG runs takes "
                    + String.join(", ", NAMES));
        }
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadRequestException("'" + name + "' is given " + values.size() + " times; give it once");
        }
        return values.stream().findFirst();
    }

    private static int wholeNumber(String name, String value, int minimum) {
        try {
            int number = Integer.parseInt(value);
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new BadRequestException("'" + name + "' must be a whole number of at least " + minimum + ", got '"
                + printable(value) + "'");
    }

    private static DagRunOrder order(String value) {
        try {
            return DagRunOrder.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("'order_by' cannot be '" + printable(value) + "': " + e.getMessage());
        }
    }

    private static Set<DagRunState> states(List<String> values) {
        Set<DagRunState> states = EnumSet.noneOf(DagRunState.class);
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                states.add(DagRunState.of(name.strip()).orElseThrow(() -> new BadRequestException("'state' must be "
                        + "one of " + Arrays.stream(DagRunState.values()).map(DagRunState::value)
                                .collect(Collectors.joining(", "))
                        + " (repeat it, or separate values with commas, for several), got '" + printable(name) + "'")));
            }
        }
        return states;
    }

    /**
     * Reads a date-time as Airflow does: ISO 8601, with a zone or in UTC, and a {@code +} that a query string
     * turned into a space read as {@code +}.
     */
    private static void date(Map<String, List<String>> parameters, String name, Consumer<Instant> to) {
        single(parameters, name).ifPresent(value -> {
            String text = value.strip().replace(' ', '+');
            try {
                to.accept(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException withoutZone) {
                try {
                    to.accept(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notADate) {
                    throw new BadRequestException("'" + name + "' must be an ISO 8601 date-time such as "
                            + "2024-06-01T00:00:00+00:00, got '" + printable(value) + "'");
                }
            }
        });
    }

    /** A caller's text as it may be quoted back: shortened, control characters made visible. */
    private static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return out.toString();
    }
}
