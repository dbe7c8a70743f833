package io.github.mwaatrigger.api;

import io.github.mwaatrigger.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * An error in the shape of Airflow's REST API ({@code {"type", "title", "status", "detail"}}, RFC 7807).
 * The detail says what was wrong with the request and what to do; it never holds internal details.
 *
 * @param headers extra response headers, such as {@code Allow} or {@code Retry-After}
 */
record Problem(int status, String type, String title, String detail, Map<String, String> headers) {

    private static final String AIRFLOW_ERRORS =
            "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors/";

    Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        headers = Map.copyOf(headers);
    }

    static Problem badRequest(String detail) {
        return airflow(400, "BadRequest", "Bad Request", detail);
    }

    static Problem forbidden(String detail) {
        return airflow(403, "PermissionDenied", "Forbidden", detail);
    }

    static Problem notFound(String title, String detail) {
        return airflow(404, "NotFound", title, detail);
    }

    static Problem methodNotAllowed(String allow) {
        return new Problem(405, AIRFLOW_ERRORS + "MethodNotAllowed", "Method Not Allowed",
                "this resource accepts " + allow, Map.of("Allow", allow));
    }

    static Problem conflict(String detail) {
        return airflow(409, "AlreadyExists", "Conflict", detail);
    }

    static Problem unavailable(String detail, int retryAfterSeconds) {
        return new Problem(503, "about:blank", "Service Unavailable", detail,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    static Problem badGateway(String detail) {
        return new Problem(502, "about:blank", "Bad Gateway", detail, Map.of());
    }

    static Problem gatewayTimeout(String detail) {
        return new Problem(504, "about:blank", "Gateway Timeout", detail, Map.of());
    }

    static Problem internalError(String detail) {
        return airflow(500, "Unknown", "Internal Server Error", detail);
    }

    private static Problem airflow(int status, String name, String title, String detail) {
        return new Problem(status, AIRFLOW_ERRORS + name, title, detail, Map.of());
    }

    JsonObject toJson() {
        return JsonObject.builder().put("detail", detail).put("status", status).put("title", title).put("type", type)
                .build();
    }
}
