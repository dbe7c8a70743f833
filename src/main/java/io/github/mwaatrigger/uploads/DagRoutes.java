package io.github.mwaatrigger.uploads;

import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which DAG an uploaded object starts: {@code S3_DAG_ROUTES} holds comma-separated {@code GLOB=DAG_ID}
 * rules, tried in order (the first match wins); without it every object goes to {@code DAG_ID}.
 */
public final class DagRoutes {

    public static final String ROUTES = "S3_DAG_ROUTES";
    public static final String DAG_ID = "DAG_ID";

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
     * The routes the environment configures.
     *
     * @throws ConfigurationException if neither variable is set, or a rule or DAG id is malformed
     */
    public static DagRoutes fromEnvironment(Environment environment) {
        Optional<String> rules = environment.get(ROUTES);
        if (rules.isPresent()) {
            return parse(rules.get());
        }
        String dagId = defaultDagId(environment).orElseThrow(() -> new ConfigurationException(DAG_ID + " is not set: "
                + "set it to the DAG every upload starts, or set " + ROUTES + " to rules such as "
                + "'incoming/**/*.csv=load_csv,reports/*=build_report'"));
        return new DagRoutes(List.of(new Route(GlobPattern.compile("**"), dagId)));
    }

    /**
     * The DAG {@code DAG_ID} names, if it is set (the schedule's DAG when its input names none).
     *
     * @throws ConfigurationException if it is set to something that is not a DAG id
     */
    public static Optional<String> defaultDagId(Environment environment) {
        return environment.get(DAG_ID).map(dagId -> validDagId(DAG_ID, dagId));
    }

    /** Parses {@code GLOB=DAG_ID[,GLOB=DAG_ID...]}. */
    public static DagRoutes parse(String rules) {
        List<Route> routes = new ArrayList<>();
        for (String rule : rules.split(",")) {
            String trimmed = rule.strip();
            int equals = trimmed.lastIndexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new ConfigurationException(ROUTES + " rule '" + trimmed + "' is not GLOB=DAG_ID: write rules "
                        + "such as 'incoming/**/*.csv=load_csv', separated by commas");
            }
            String glob = trimmed.substring(0, equals).strip();
            String dagId = validDagId(ROUTES, trimmed.substring(equals + 1).strip());
            routes.add(new Route(GlobPattern.compile(glob), dagId));
        }
        return new DagRoutes(routes);
    }

    /** The DAG for {@code key}, or empty when no rule matches. */
    public Optional<String> dagFor(String key) {
        return routes.stream().filter(route -> route.pattern().matches(key)).map(Route::dagId).findFirst();
    }

    private static String validDagId(String variable, String dagId) {
        try {
            return AirflowIds.requireDagId(dagId);
        } catch (InvalidAirflowIdException e) {
            throw new ConfigurationException(variable + ": " + e.getMessage());
        }
    }
}
