package io.github.mwaatrigger.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request to the API, as API Gateway delivered it: already authenticated (IAM) and with the body
 * decoded from base64 where it was.
 *
 * @param method         the HTTP method
 * @param path           the request path as it came (percent-encoded), e.g. {@code /api/v1/dags/my_dag/dagRuns}
 * @param pathParameters path parameters API Gateway extracted ({@code dag_id}, {@code dag_run_id}),
 *                       percent-decoded
 * @param query          query string parameters, each with all its values
 * @param headers        headers (looked up case-insensitively)
 * @param body           the body bytes (empty when none)
 * @param requestId      an id to quote in logs and server errors
 */
public record ApiRequest(String method, String path, Map<String, String> pathParameters,
        Map<String, List<String>> query, Map<String, String> headers, byte[] body, String requestId) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
        body = body.clone();
        Objects.requireNonNull(requestId, "requestId");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The value of header {@code name}, whatever its case. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
