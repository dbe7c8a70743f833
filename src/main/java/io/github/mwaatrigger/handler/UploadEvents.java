package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;

/**
 * Reads the raw event the upload function gets, in either shape S3 delivers object-created events: an S3
 * event notification (the stack's own bucket) or, through an EventBridge rule, the {@code Object Created}
 * event (buckets the stack does not own). The {@code s3:TestEvent} S3 sends when notifications are configured
 * holds no upload.
 */
final class UploadEvents {

    private static final String EXPECTED = "the upload function takes S3 event notifications (\"Records\"), "
            + "S3's EventBridge events with source aws.s3 and detail-type \"Object Created\", and s3:TestEvent";

    private UploadEvents() {
    }

    /**
     * @throws UnrecognizedUploadEventException if {@code payload} is neither shape
     */
    static UploadBatch read(String payload) {
        JsonObject event;
        try {
            event = Json.parseObject(payload, "the upload event");
        } catch (JsonParseException e) {
            throw new UnrecognizedUploadEventException(EXPECTED + ", but got something that is not a JSON object: "
                    + e.getMessage());
        }
        if (S3Records.isNotification(event)) {
            return S3Records.of(event);
        }
        if (EventBridgeObjectCreated.isObjectCreated(event)) {
            return EventBridgeObjectCreated.of(event);
        }
        if (event.string("Event").filter("s3:TestEvent"::equals).isPresent()) {
            return UploadBatch.empty();
        }
        throw new UnrecognizedUploadEventException(EXPECTED + ", but got " + describe(event));
    }

    private static String describe(JsonObject event) {
        if (event.get("detail-type").isPresent() || event.get("source").isPresent()) {
            return "an EventBridge event with source " + event.string("source").orElse("(none)")
                    + " and detail-type \"" + event.string("detail-type").orElse("(none)") + "\"";
        }
        return "a JSON object with the members " + event.members().keySet();
    }
}
