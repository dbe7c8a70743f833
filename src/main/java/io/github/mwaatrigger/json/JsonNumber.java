package io.github.mwaatrigger.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept as its exact source text so that no precision or formatting is lost:
 * {@code 1.50}, {@code 12345678901234567890} and {@code 1e400} stay exactly as written.
 *
 * @param text the number in RFC 8259 syntax
 */
public record JsonNumber(String text) implements JsonValue {

    /**
     * Checks the syntax.
     *
     * @throws NullPointerException if {@code text} is {@code null}
     * @throws IllegalArgumentException if {@code text} is not exactly one JSON number
     */
    public JsonNumber {
        Objects.requireNonNull(text, "text");
        int end;
        try {
            end = JsonNumberSyntax.end(text, 0);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a JSON number: " + e.getMessage(), e);
        }
        if (end != text.length()) {
            throw new IllegalArgumentException(
                    "not a JSON number: unexpected character at offset " + end);
        }
    }

    /** Returns the number whose text is the decimal form of {@code value}. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /**
     * Returns the exact value.
     *
     * @throws ArithmeticException if the exponent lies outside what {@link BigDecimal} can
     *     represent (beyond about ±2<sup>31</sup>)
     */
    public BigDecimal toBigDecimal() {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("exponent of the JSON number is out of BigDecimal's range");
        }
    }
}
