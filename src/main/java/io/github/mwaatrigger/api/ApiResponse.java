package io.github.mwaatrigger.api;

import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An HTTP response of the API: status, headers and a JSON body. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    private static final JsonWriter JSON = JsonWriter.compact();

    public ApiResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    static ApiResponse json(int status, JsonObject body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), JSON.write(body));
    }

    /** A 400 in Airflow's problem shape, for requests that cannot even be read. */
    public static ApiResponse badRequest(String detail) {
        return problem(Problem.badRequest(detail));
    }

    /** Airflow's problem shape, {@code application/problem+json}. */
    static ApiResponse problem(Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        headers.put("Content-Type", "application/problem+json");
        return new ApiResponse(problem.status(), headers, JSON.write(problem.toJson()));
    }
}
