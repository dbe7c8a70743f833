package io.github.mwaatrigger.demo;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

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

    static JsonObject object(JsonObject parent, String name) {
        return parent.get(name).filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElse(JsonObject.empty());
    }

    static String text(JsonObject object, String name) {
        return object.string(name).orElse(null);
    }

    private static Long number(JsonObject object, String name) {
        return object.get(name).filter(JsonNumber.class::isInstance)
                .map(value -> ((JsonNumber) value).toBigDecimal().longValueExact()).orElse(null);
    }
}
