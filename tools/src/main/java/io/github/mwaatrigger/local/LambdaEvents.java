package io.github.mwaatrigger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the typed events a handler takes from raw JSON payloads, field by field as the Lambda runtime
 * fills them (the runtime's own deserializer is too large to ship). The tests check that an event built
 * here drives a handler exactly as one built by the runtime's deserializer does.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** Reads {@code payload} as {@code type}. */
    public static Object read(JsonObject payload, Class<?> type) {
        if (type == S3Event.class) {
            return s3Event(payload);
        }
        if (type == APIGatewayProxyRequestEvent.class) {
            return apiGatewayEvent(payload);
        }
        throw new IllegalArgumentException("the demo cannot build a " + type.getName() + " from JSON");
    }

    /** An S3 notification; an {@code s3:TestEvent} has no records. */
    public static S3Event s3Event(JsonObject payload) {
        List<S3EventNotificationRecord> records = new ArrayList<>();
        if (!(payload.get("Records").orElse(null) instanceof JsonArray array)) {
            return new S3Event(null);
        }
        for (JsonValue element : array.elements()) {
            JsonObject record = (JsonObject) element;
            JsonObject s3 = object(record, "s3");
            JsonObject bucket = object(s3, "bucket");
            JsonObject object = object(s3, "object");
            records.add(new S3EventNotificationRecord(text(record, "awsRegion"), text(record, "eventName"),
                    text(record, "eventSource"), text(record, "eventTime"), text(record, "eventVersion"),
                    new RequestParametersEntity(text(object(record, "requestParameters"), "sourceIPAddress")),
                    new ResponseElementsEntity(text(object(record, "responseElements"), "x-amz-id-2"),
                            text(object(record, "responseElements"), "x-amz-request-id")),
                    new S3Entity(text(s3, "configurationId"),
                            new S3BucketEntity(text(bucket, "name"),
                                    new UserIdentityEntity(text(object(bucket, "ownerIdentity"), "principalId")),
                                    text(bucket, "arn")),
                            new S3ObjectEntity(text(object, "key"), number(object, "size"), text(object, "eTag"),
                                    text(object, "versionId"), text(object, "sequencer")),
                            text(s3, "s3SchemaVersion")),
                    new UserIdentityEntity(text(object(record, "userIdentity"), "principalId"))));
        }
        return new S3Event(records);
    }

    /** An API Gateway REST API proxy event. */
    public static APIGatewayProxyRequestEvent apiGatewayEvent(JsonObject payload) {
        JsonObject context = object(payload, "requestContext");
        JsonObject identity = object(context, "identity");
        return new APIGatewayProxyRequestEvent()
                .withResource(text(payload, "resource"))
                .withPath(text(payload, "path"))
                .withHttpMethod(text(payload, "httpMethod"))
                .withHeaders(strings(payload, "headers"))
                .withMultiValueHeaders(stringLists(payload, "multiValueHeaders"))
                .withQueryStringParameters(strings(payload, "queryStringParameters"))
                .withMultiValueQueryStringParameters(stringLists(payload, "multiValueQueryStringParameters"))
                .withPathParameters(strings(payload, "pathParameters"))
                .withStageVariables(strings(payload, "stageVariables"))
                .withBody(text(payload, "body"))
                .withIsBase64Encoded(payload.get("isBase64Encoded").filter(JsonBoolean.class::isInstance)
                        .map(value -> ((JsonBoolean) value).value()).orElse(Boolean.FALSE))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withAccountId(text(context, "accountId"))
                        .withApiId(text(context, "apiId"))
                        .withStage(text(context, "stage"))
                        .withRequestId(text(context, "requestId"))
                        .withResourcePath(text(context, "resourcePath"))
                        .withHttpMethod(text(context, "httpMethod"))
                        .withPath(text(context, "path"))
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                                .withSourceIp(text(identity, "sourceIp"))
                                .withUserArn(text(identity, "userArn"))
                                .withCaller(text(identity, "caller"))
                                .withAccountId(text(identity, "accountId"))
                                .withUserAgent(text(identity, "userAgent"))));
    }

    private static Map<String, String> strings(JsonObject parent, String name) {
        if (!(parent.get(name).orElse(null) instanceof JsonObject object)) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        object.members().forEach((key, value) -> map.put(key, value instanceof JsonString text ? text.value() : null));
        return map;
    }

    private static Map<String, List<String>> stringLists(JsonObject parent, String name) {
        if (!(parent.get(name).orElse(null) instanceof JsonObject object)) {
            return null;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        object.members().forEach((key, value) -> map.put(key, value instanceof JsonArray array
                ? array.elements().stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value())
                        .toList()
                : List.of()));
        return map;
    }

    static JsonObject object(JsonObject parent, String name) {
        return parent.get(name).filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElse(JsonObject.empty());
    }

    static String text(JsonObject object, String name) {
        return object.string(name).orElse(null);
    }

    private static Long number(JsonObject object, String name) {
        return object.get(name).filter(JsonNumber.class::isInstance)
                .map(value -> new BigDecimal(((JsonNumber) value).text()).longValueExact()).orElse(null);
    }
}
