package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of Airflow's REST API, as MWAA's {@code InvokeRestApi} carries it: a method, a path without the
 * {@code /api/v1} or {@code /api/v2} prefix (MWAA adds the one the environment's Airflow serves), query
 * parameters and a JSON body.
 *
 * @param method the HTTP method
 * @param path   the path, such as {@code /dags/my_dag/dagRuns}: 1-{@value #MAX_PATH_LENGTH} characters
 *               starting with {@code /}
 * @param query  the query parameters, each a string (or an array of strings for a repeated parameter)
 * @param body   the request body, for {@code POST}
 */
public record RestApiRequest(Method method, String path, JsonObject query, Optional<JsonObject> body) {

    /**
     * The longest {@code Path} {@code InvokeRestApi} takes (its documented length constraint). A DAG id and
     * a run id together can be longer than that, so callers check {@link #fits} before they build a path.
     */
    public static final int MAX_PATH_LENGTH = 64;

    /** The methods this project sends. */
    public enum Method { GET, POST }

    /** @throws IllegalArgumentException if the path does not start with {@code /} or is too long */
    public RestApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        if (!path.startsWith("/") || !fits(path)) {
            throw new IllegalArgumentException("an InvokeRestApi path must start with '/' and have at most "
                    + MAX_PATH_LENGTH + " characters, got " + path.length());
        }
    }

    /** Whether {@code path} is short enough for {@code InvokeRestApi}. */
    public static boolean fits(String path) {
        return path.length() <= MAX_PATH_LENGTH;
    }

    public static RestApiRequest get(String path, JsonObject query) {
        return new RestApiRequest(Method.GET, path, query, Optional.empty());
    }

    public static RestApiRequest post(String path, JsonObject body) {
        return new RestApiRequest(Method.POST, path, JsonObject.empty(), Optional.of(body));
    }

    /** The method and path; never the body, which carries a run's conf. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
