package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.uploads.ObjectUpload;
import java.util.List;
import java.util.Optional;

/**
 * Turns the {@code Object Created} event S3 sends to EventBridge into an upload with the same fields an S3
 * notification gives ({@link S3Records}), so that both make the same run id for the same object version:
 * {@code detail.object} has {@code key} (form-URL-encoded, as in notifications), {@code size}, {@code etag},
 * {@code version-id} and {@code sequencer}; {@code detail.reason} ({@code PutObject},
 * {@code CompleteMultipartUpload}, {@code CopyObject}...) is the event name, the envelope's {@code time} and
 * {@code region} the event time and region.
 */
final class EventBridgeObjectCreated {

    private EventBridgeObjectCreated() {
    }

    /** Whether {@code event} is S3's EventBridge {@code Object Created} event. */
    static boolean isObjectCreated(JsonObject event) {
        return event.string("source").filter("aws.s3"::equals).isPresent()
                && event.string("detail-type").filter("Object Created"::equals).isPresent();
    }

    static UploadBatch of(JsonObject event) {
        Optional<JsonObject> detail = EventFields.object(event, "detail");
        Optional<JsonObject> object = detail.flatMap(fields -> EventFields.object(fields, "object"));
        String bucket = detail.flatMap(fields -> EventFields.object(fields, "bucket"))
                .map(fields -> EventFields.text(fields, "name")).orElse(null);
        String encodedKey = object.map(fields -> EventFields.text(fields, "key")).orElse(null);
        String missing = bucket == null ? "detail.bucket.name" : encodedKey == null ? "detail.object.key" : null;
        if (missing != null) {
            return new UploadBatch(List.of(), List.of("an Object Created event without " + missing
                    + ", which S3 always sends"));
        }
        String key;
        try {
            key = S3Keys.decode(encodedKey);
        } catch (IllegalArgumentException e) {
            return new UploadBatch(List.of(), List.of(S3Keys.notEncoded(bucket, encodedKey)));
        }
        JsonObject fields = object.get();
        return new UploadBatch(List.of(new ObjectUpload(bucket, key, EventFields.wholeNumber(fields, "size"),
                EventFields.text(fields, "etag"), EventFields.text(fields, "version-id"),
                EventFields.text(fields, "sequencer"), EventFields.text(detail.get(), "reason"),
                EventFields.instant(event, "time"), EventFields.text(event, "region"))), List.of());
    }
}
