package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's REST proxy event and response as JSON, read and written with our own JSON rather than the Lambda
 * runtime's POJO deserializer, whose Jackson set-up loads about a thousand classes on a cold start (see
 * {@link ApiHandler}). Only what the API uses is read: the method, the path, path and query parameters, headers
 * (single- and multi-value), the body and whether it is base64, and the request context's request id; everything else in the event is ignored, as the
 * runtime's deserializer would leave it unused.
 */
final class ApiGatewayEventJson {

    private ApiGatewayEventJson() {
    }

    /**
     * The event in {@code json}.
     *
     * @throws UnreadableRequestException if it is not a JSON object, or a field it uses has the wrong type
     */
    static APIGatewayProxyRequestEvent read(String json) {
        JsonObject event;
        try {
            event = Json.parseObject(json, "the API Gateway event");
        } catch (RuntimeException e) {
            throw new UnreadableRequestException("the API Gateway event is not a JSON object: " + e.getMessage());
        }
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(string(event, "httpMethod"))
                .withPath(string(event, "path"))
                .withPathParameters(strings(event, "pathParameters"))
                .withQueryStringParameters(strings(event, "queryStringParameters"))
                .withMultiValueQueryStringParameters(lists(event, "multiValueQueryStringParameters"))
                .withHeaders(strings(event, "headers"))
                .withMultiValueHeaders(lists(event, "multiValueHeaders"))
                .withBody(string(event, "body"))
                .withIsBase64Encoded(event.get("isBase64Encoded").map(value -> value instanceof JsonBoolean flag
                        ? flag.value() : wrongType("isBase64Encoded", "true or false")).orElse(null))
                .withRequestContext(requestContext(event));
    }

    /** The request context's request id (API Gateway's, which the trigger log names), if the event has one. */
    private static APIGatewayProxyRequestEvent.ProxyRequestContext requestContext(JsonObject event) {
        return present(event, "requestContext").map(value -> value instanceof JsonObject context
                        ? new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId(string(context, "requestId"))
                        : wrongType("requestContext", "an object"))
                .orElse(null);
    }

    /** The response as the JSON API Gateway takes from a proxy integration. */
    static String write(APIGatewayProxyResponseEvent response) {
        JsonObject.Builder json = JsonObject.builder();
        if (response.getStatusCode() != null) {
            json.put("statusCode", response.getStatusCode().longValue());
        }
        if (response.getHeaders() != null) {
            Map<String, JsonValue> headers = new LinkedHashMap<>();
            response.getHeaders().forEach((name, value) -> headers.put(name, new JsonString(value)));
            json.put("headers", new JsonObject(headers));
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", Boolean.TRUE.equals(response.getIsBase64Encoded()));
        return JsonWriter.compact().write(json.build());
    }

    private static String string(JsonObject object, String name) {
        return present(object, name).map(value -> value instanceof JsonString text ? text.value()
                : wrongType(name, "a string")).orElse(null);
    }

    private static Map<String, String> strings(JsonObject object, String name) {
        return present(object, name).map(value -> {
            if (!(value instanceof JsonObject members)) {
                return ApiGatewayEventJson.<Map<String, String>>wrongType(name, "an object of strings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            members.members().forEach((key, member) -> map.put(key, member instanceof JsonString text ? text.value()
                    : isNull(member) ? null : wrongType(name + "." + key, "a string")));
            return map;
        }).orElse(null);
    }

    private static Map<String, List<String>> lists(JsonObject object, String name) {
        return present(object, name).map(value -> {
            if (!(value instanceof JsonObject members)) {
                return ApiGatewayEventJson.<Map<String, List<String>>>wrongType(name, "an object of string lists");
            }
            Map<String, List<String>> map = new LinkedHashMap<>();
            members.members().forEach((key, member) -> {
                if (isNull(member)) {
                    map.put(key, null);
                } else if (member instanceof JsonArray array) {
                    List<String> values = new ArrayList<>();
                    for (JsonValue element : array.elements()) {
                        values.add(element instanceof JsonString text ? text.value()
                                : wrongType(name + "." + key, "a list of strings"));
                    }
                    map.put(key, values);
                } else {
                    wrongType(name + "." + key, "a list of strings");
                }
            });
            return map;
        }).orElse(null);
    }

    /** The member, unless it is absent or JSON null. */
    private static Optional<JsonValue> present(JsonObject object, String name) {
        return object.get(name).filter(value -> !isNull(value));
    }

    private static boolean isNull(JsonValue value) {
        return value instanceof JsonNull;
    }

    private static <T> T wrongType(String field, String expected) {
        throw new UnreadableRequestException("the API Gateway event's " + field + " must be " + expected);
    }
}
