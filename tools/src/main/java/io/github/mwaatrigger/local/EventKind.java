package io.github.mwaatrigger.local;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Which service a raw event payload comes from, and the SAM event types that deliver it. */
enum EventKind {
    /**
     * An S3 notification, or S3's EventBridge {@code Object Created} event, which the template's rule for
     * {@code ExistingBucketNames} sends to the same function as the bucket's notifications.
     */
    S3("an S3 object-created event", List.of("S3")),
    SCHEDULE("an EventBridge schedule", List.of("ScheduleV2", "Schedule")),
    API_GATEWAY("an API Gateway request", List.of("Api"));

    private final String description;
    private final List<String> samEventTypes;

    EventKind(String description, List<String> samEventTypes) {
        this.description = description;
        this.samEventTypes = samEventTypes;
    }

    String description() {
        return description;
    }

    List<String> samEventTypes() {
        return samEventTypes;
    }

    static Optional<EventKind> of(JsonObject payload) {
        if (payload.string("Event").filter(event -> event.startsWith("s3:")).isPresent()
                || payload.get("Records").filter(JsonArray.class::isInstance).isPresent()
                || isObjectCreatedThroughEventBridge(payload)) {
            return Optional.of(S3);
        }
        if (payload.string("detail-type").filter("Scheduled Event"::equals).isPresent()
                || payload.get("scheduled_time").isPresent()) {
            return Optional.of(SCHEDULE);
        }
        if (payload.get("httpMethod").isPresent() && payload.get("requestContext").isPresent()) {
            return Optional.of(API_GATEWAY);
        }
        return Optional.empty();
    }

    private static boolean isObjectCreatedThroughEventBridge(JsonObject payload) {
        return payload.string("source").filter("aws.s3"::equals).isPresent()
                && payload.string("detail-type").filter("Object Created"::equals).isPresent();
    }
}
