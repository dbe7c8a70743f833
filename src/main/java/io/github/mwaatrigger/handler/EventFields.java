package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the optional fields of S3's events as the Lambda runtime's event classes do: a field that is absent,
 * empty (as an unversioned object's version id) or of another type is null.
 */
final class EventFields {

    private EventFields() {
    }

    static Optional<JsonObject> object(JsonObject parent, String name) {
        return parent.get(name).filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    }

    /** The string member {@code name}, or null when it is absent or empty. */
    static String text(JsonObject parent, String name) {
        return parent.string(name).filter(value -> !value.isEmpty()).orElse(null);
    }

    /** The whole number member {@code name}, or null. */
    static Long wholeNumber(JsonObject parent, String name) {
        try {
            return parent.get(name).filter(JsonNumber.class::isInstance)
                    .map(number -> Long.valueOf(((JsonNumber) number).text())).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The time member {@code name} as an ISO 8601 instant ({@code 2024-06-01T08:30:00Z}), or null. */
    static String instant(JsonObject parent, String name) {
        String time = text(parent, name);
        try {
            return time == null ? null : OffsetDateTime.parse(time).toInstant().toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
