package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.uploads.ObjectUpload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an S3 event notification ({@code Records[].s3}) into uploads, decoding each key with form-URL rules
 * as S3 encodes it.
 */
final class S3Records {

    private S3Records() {
    }

    /** Whether {@code event} is an S3 event notification: it has a {@code Records} array. */
    static boolean isNotification(JsonObject event) {
        return event.get("Records").filter(JsonArray.class::isInstance).isPresent();
    }

    static UploadBatch of(JsonObject notification) {
        List<ObjectUpload> uploads = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<JsonValue> records = notification.get("Records").filter(JsonArray.class::isInstance)
                .map(JsonArray.class::cast).map(JsonArray::elements).orElse(List.of());
        for (JsonValue element : records) {
            JsonObject record = element instanceof JsonObject object ? object : JsonObject.empty();
            Optional<JsonObject> s3 = EventFields.object(record, "s3");
            Optional<JsonObject> object = s3.flatMap(entity -> EventFields.object(entity, "object"));
            String bucket = s3.flatMap(entity -> EventFields.object(entity, "bucket"))
                    .map(entity -> EventFields.text(entity, "name")).orElse(null);
            String encodedKey = object.map(entity -> EventFields.text(entity, "key")).orElse(null);
            String missing = s3.isEmpty() ? "s3" : bucket == null ? "s3.bucket.name"
                    : encodedKey == null ? "s3.object.key" : null;
            if (missing != null) {
                unreadable.add("a record without " + missing + ", which every S3 object notification carries");
                continue;
            }
            String key;
            try {
                key = S3Keys.decode(encodedKey);
            } catch (IllegalArgumentException e) {
                unreadable.add(S3Keys.notEncoded(bucket, encodedKey));
                continue;
            }
            JsonObject fields = object.get();
            uploads.add(new ObjectUpload(bucket, key, EventFields.wholeNumber(fields, "size"),
                    EventFields.text(fields, "eTag"), EventFields.text(fields, "versionId"),
                    EventFields.text(fields, "sequencer"), EventFields.text(record, "eventName"),
                    EventFields.instant(record, "eventTime"), EventFields.text(record, "awsRegion")));
        }
        return new UploadBatch(uploads, unreadable);
    }
}
