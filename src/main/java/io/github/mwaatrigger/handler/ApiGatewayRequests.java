package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Translates between API Gateway's REST proxy events and the API's requests and responses. */
final class ApiGatewayRequests {

    private ApiGatewayRequests() {
    }

    /**
     * The request an event carries, its body decoded from base64 when API Gateway encoded it.
     *
     * @return empty when the body is marked base64 but is not
     */
    static Optional<ApiRequest> toRequest(APIGatewayProxyRequestEvent event, String requestId) {
        byte[] body = new byte[0];
        if (event.getBody() != null) {
            if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
                try {
                    body = Base64.getDecoder().decode(event.getBody().strip());
                } catch (IllegalArgumentException notBase64) {
                    return Optional.empty();
                }
            } else {
                body = event.getBody().getBytes(StandardCharsets.UTF_8);
            }
        }
        return Optional.of(new ApiRequest(orEmpty(event.getHttpMethod()), orEmpty(event.getPath()),
                orEmpty(event.getPathParameters()), query(event), headers(event), body, requestId));
    }

    static APIGatewayProxyResponseEvent toEvent(ApiResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
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
