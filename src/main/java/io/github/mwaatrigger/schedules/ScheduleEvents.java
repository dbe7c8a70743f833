package io.github.mwaatrigger.schedules;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.trigger.InvalidDagRunRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the two shapes an EventBridge schedule delivers:
 *
 * <ul>
 *   <li>the classic rule's "Scheduled Event" envelope ({@code "detail-type": "Scheduled Event"},
 *       {@code time}, {@code resources: [rule ARN]}): the DAG is the configured {@code DAG_ID};</li>
 *   <li>an EventBridge Scheduler ({@code ScheduleV2}) input document
 *       {@code {"dag_id", "conf", "scheduled_time": "<aws.scheduler.scheduled-time>",
 *       "schedule_arn": "<aws.scheduler.schedule-arn>"}}, where {@code dag_id} (default {@code DAG_ID})
 *       and {@code conf} are optional.</li>
 * </ul>
 */
public final class ScheduleEvents {

    private ScheduleEvents() {
    }

    /**
     * @param defaultDagId the DAG when the event names none
     * @throws InvalidDagRunRequestException when the event is neither shape or a field is malformed
     */
    public static ScheduledInvocation parse(JsonObject event, Optional<String> defaultDagId) {
        if (event.string("detail-type").filter("Scheduled Event"::equals).isPresent()) {
            return classic(event, defaultDagId);
        }
        if (event.get("scheduled_time").isPresent()) {
            return scheduler(event, defaultDagId);
        }
        throw new InvalidDagRunRequestException("the event is neither an EventBridge \"Scheduled Event\" nor an "
                + "EventBridge Scheduler input with \"scheduled_time\": set the schedule's input to {\"scheduled_time\": "
                + "\"<aws.scheduler.scheduled-time>\", \"schedule_arn\": \"<aws.scheduler.schedule-arn>\"}");
    }

    private static ScheduledInvocation classic(JsonObject event, Optional<String> defaultDagId) {
        Instant time = instant(requiredString(event, "time"), "time");
        String ruleArn = event.get("resources").filter(JsonArray.class::isInstance)
                .flatMap(resources -> ((JsonArray) resources).elements().stream().findFirst())
                .filter(JsonString.class::isInstance).map(arn -> ((JsonString) arn).value())
                .orElseThrow(() -> new InvalidDagRunRequestException(
                        "the Scheduled Event has no rule ARN in \"resources\""));
        return new ScheduledInvocation(dagId(Optional.empty(), defaultDagId), JsonObject.empty(), time, ruleArn);
    }

    private static ScheduledInvocation scheduler(JsonObject event, Optional<String> defaultDagId) {
        Instant time = instant(requiredString(event, "scheduled_time"), "scheduled_time");
        String arn = requiredString(event, "schedule_arn");
        Optional<JsonValue> conf = event.get("conf");
        if (conf.isPresent() && !(conf.get() instanceof JsonObject)) {
            throw new InvalidDagRunRequestException("\"conf\" in the schedule's input must be a JSON object");
        }
        Optional<JsonValue> dagId = event.get("dag_id");
        if (dagId.isPresent() && !(dagId.get() instanceof JsonString)) {
            throw new InvalidDagRunRequestException("\"dag_id\" in the schedule's input must be a string");
        }
        return new ScheduledInvocation(dagId(event.string("dag_id"), defaultDagId),
                conf.map(JsonObject.class::cast).orElse(JsonObject.empty()), time, arn);
    }

    private static String dagId(Optional<String> given, Optional<String> defaultDagId) {
        return given.or(() -> defaultDagId).orElseThrow(() -> new InvalidDagRunRequestException(
                "the schedule names no DAG: put \"dag_id\" in the schedule's input or set DAG_ID"));
    }

    private static String requiredString(JsonObject event, String name) {
        return event.string(name).filter(value -> !value.isBlank()).orElseThrow(() ->
                new InvalidDagRunRequestException("the schedule event has no \"" + name + "\" string"));
    }

    private static Instant instant(String text, String name) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidDagRunRequestException("\"" + name + "\" is '" + text + "', not an ISO 8601 time such as "
                    + "2024-06-01T02:00:00Z (use <aws.scheduler.scheduled-time>)");
        }
    }
}
