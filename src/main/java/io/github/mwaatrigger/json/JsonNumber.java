package io.github.mwaatrigger.json;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON number, kept as its exact source text so that no precision or formatting is lost:
 * {@code 1.50}, {@code -0}, {@code 12345678901234567890} and {@code 1e400} stay exactly as written. Nothing
 * in the functions computes with a conf's numbers; they pass them on to Airflow as the caller wrote them.
 *
 * @param text the number in RFC 8259 syntax
 */
public record JsonNumber(String text) implements JsonValue {

    private static final Pattern SYNTAX = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    /**
     * Checks the syntax.
     *
     * @throws NullPointerException if {@code text} is {@code null}
     * @throws IllegalArgumentException if {@code text} is not exactly one JSON number
     */
    public JsonNumber {
        Objects.requireNonNull(text, "text");
        if (!SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("not a JSON number: " + Json.quote(text));
        }
    }

    /** Returns the number whose text is the decimal form of {@code value}. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }
}
