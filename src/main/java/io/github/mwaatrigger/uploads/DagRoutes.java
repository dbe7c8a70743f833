package io.github.mwaatrigger.uploads;

import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which DAG an uploaded object starts: comma-separated {@code GLOB=DAG_ID} rules, tried in order (the
 * first match wins), or one DAG for every object.
 */
public final class DagRoutes {

    /** One rule: objects whose key matches {@code pattern} start {@code dagId}. */
    private record Route(GlobPattern pattern, String dagId) {
        Route {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(dagId, "dagId");
        }
    }

    private final List<Route> routes;

    private DagRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Every object to {@code dagId}.
     *
     * @throws InvalidAirflowIdException if {@code dagId} is not a DAG id
     */
    public static DagRoutes everyObjectTo(String dagId) {
        return new DagRoutes(List.of(new Route(GlobPattern.compile("**"), AirflowIds.requireDagId(dagId))));
    }

    /**
     * Parses {@code GLOB=DAG_ID[,GLOB=DAG_ID...]}.
     *
     * @throws InvalidAirflowIdException if a rule names something that is not a DAG id
     * @throws IllegalArgumentException  if a rule is not {@code GLOB=DAG_ID}; the message starts with
     *                                   {@code rule '...'}, to follow the name of the setting it came from
     */
    public static DagRoutes parse(String rules) {
        List<Route> routes = new ArrayList<>();
        for (String rule : rules.split(",")) {
            String trimmed = rule.strip();
            int equals = trimmed.lastIndexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new IllegalArgumentException("rule '" + trimmed + "' is not GLOB=DAG_ID: write rules such as "
                        + "'incoming/**/*.csv=load_csv', separated by commas");
            }
            String glob = trimmed.substring(0, equals).strip();
            String dagId = AirflowIds.requireDagId(trimmed.substring(equals + 1).strip());
            routes.add(new Route(GlobPattern.compile(glob), dagId));
        }
        return new DagRoutes(routes);
    }

    /** The DAG for {@code key}, or empty when no rule matches. */
    public Optional<String> dagFor(String key) {
        return routes.stream().filter(route -> route.pattern().matches(key)).map(Route::dagId).findFirst();
    }
}
