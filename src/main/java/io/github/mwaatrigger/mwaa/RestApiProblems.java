package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Airflow's error answers, shortened to one line for a message: Airflow 2's problem objects
 * ({@code {"title", "detail", "status", "type"}}), Airflow 3's {@code {"detail": "..."}}, its database
 * conflicts ({@code {"detail": {"reason", "statement", "orig_error"}}}) and its validation errors
 * ({@code {"detail": [{"loc", "msg", "input"}]}}). Never quotes the {@code input} or {@code statement}
 * Airflow echoes, which hold what was sent (a run's conf).
 */
public final class RestApiProblems {

    private static final int MAX_CHARS = 300;

    private RestApiProblems() {
    }

    /** What Airflow said went wrong, if it said anything readable. */
    public static Optional<String> summary(JsonValue answer) {
        if (!(answer instanceof JsonObject object)) {
            return Optional.empty();
        }
        Optional<JsonValue> detail = object.get("detail");
        String text = null;
        if (detail.isPresent() && detail.get() instanceof JsonString string) {
            text = string.value();
        } else if (detail.isPresent() && detail.get() instanceof JsonObject conflict) {
            text = join(conflict.string("reason").orElse(null), conflict.string("orig_error").orElse(null));
        } else if (detail.isPresent() && detail.get() instanceof JsonArray errors) {
            text = validationErrors(errors);
        }
        if (text == null || text.isBlank()) {
            text = object.string("title").orElse(null);
        }
        return Optional.ofNullable(text).map(RestApiProblems::oneLine).filter(line -> !line.isEmpty());
    }

    /** {@code ": <summary>"}, or nothing: to follow a status in a message. */
    public static String suffix(JsonValue answer) {
        return summary(answer).map(text -> ": " + text).orElse("");
    }

    private static String validationErrors(JsonArray errors) {
        List<String> lines = new ArrayList<>();
        for (JsonValue error : errors.elements()) {
            if (error instanceof JsonObject object) {
                String location = object.get("loc").filter(JsonArray.class::isInstance)
                        .map(loc -> String.join(".", ((JsonArray) loc).elements().stream()
                                .map(RestApiProblems::locationPart).toList()))
                        .orElse("");
                lines.add((location.isEmpty() ? "" : location + ": ") + object.string("msg").orElse("invalid"));
            }
        }
        return lines.isEmpty() ? null : String.join("; ", lines);
    }

    private static String locationPart(JsonValue part) {
        if (part instanceof JsonString string) {
            return string.value();
        }
        return part instanceof JsonNumber number ? number.text() : "?";
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + " (" + second + ")";
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line;
    }
}
