package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.api.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between API Gateway's REST proxy events and the API's requests and responses. A REST API
 * delivers path parameters as they were in the URL, still percent-encoded (an Airflow run id such as
 * {@code manual__2024-06-01T08:00:00+00:00} arrives as {@code manual__2024-06-01T08%3A00%3A00%2B00%3A00}):
 * they are decoded here, once.
 */
final class ApiGatewayRequests {

    private ApiGatewayRequests() {
    }

    /**
     * The request an event carries: path parameters percent-decoded, the body decoded from base64 when
     * API Gateway encoded it.
     *
     * @throws UnreadableRequestException if a path parameter is not validly percent-encoded, or the body
     *                                    is marked base64 but is not
     */
    static ApiRequest toRequest(APIGatewayProxyRequestEvent event, String requestId) {
        return new ApiRequest(orEmpty(event.getHttpMethod()), orEmpty(event.getPath()), pathParameters(event),
                query(event), headers(event), body(event), requestId);
    }

    static APIGatewayProxyResponseEvent toEvent(ApiResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    private static Map<String, String> pathParameters(APIGatewayProxyRequestEvent event) {
        Map<String, String> decoded = new HashMap<>();
        orEmpty(event.getPathParameters()).forEach((name, value) -> {
            if (value != null) {
                decoded.put(name, percentDecoded(name, value));
            }
        });
        return decoded;
    }

    /**
     * Percent-decoding as for a URL path: unlike form decoding, {@code +} stays {@code +}. A value that
     * API Gateway had already decoded comes through unchanged, as valid DAG ids and run ids hold no {@code %}.
     */
    private static String percentDecoded(String name, String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new UnreadableRequestException("the " + name + " in the path is not validly percent-encoded: "
                    + "'%' must be followed by two hex digits; encode each reserved character, e.g. ':' as %3A and "
                    + "'+' as %2B");
        }
    }

    private static byte[] body(APIGatewayProxyRequestEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        if (!Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            return event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(event.getBody().strip());
        } catch (IllegalArgumentException notBase64) {
            throw new UnreadableRequestException("the body is marked base64-encoded but is not base64");
        }
    }

    private static Map<String, List<String>> query(APIGatewayProxyRequestEvent event) {
        if (event.getMultiValueQueryStringParameters() != null) {
            return event.getMultiValueQueryStringParameters();
        }
        Map<String, List<String>> single = new HashMap<>();
        orEmpty(event.getQueryStringParameters()).forEach((name, value) -> single.put(name, List.of(value)));
        return single;
    }

    private static Map<String, String> headers(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = new HashMap<>(orEmpty(event.getHeaders()));
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null && !values.isEmpty()) {
                    headers.putIfAbsent(name, values.get(0));
                }
            });
        }
        return headers;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }
}
