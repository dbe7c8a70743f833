package io.github.mwaatrigger.json;

import java.util.Objects;

/**
 * Parses JSON text strictly, as RFC 8259 defines it.
 *
 * <p>Rejected, with a {@link JsonParseException} that says what and where: anything but
 * exactly one value surrounded by optional whitespace (space, tab, line feed, carriage return),
 * duplicate member names, nesting deeper than 64 arrays and objects, unescaped control
 * characters in strings, invalid escapes, leading zeros, {@code NaN}, {@code Infinity}, single
 * quotes, comments and trailing commas. <code>&#92;u</code> escapes of unpaired surrogates are accepted,
 * as the RFC allows, and kept as they are.
 */
public final class Json {

    private Json() {
    }

    /**
     * Parses a text that holds exactly one JSON value.
     *
     * @throws JsonParseException if {@code text} is not exactly one valid JSON value
     */
    public static JsonValue parse(String text) {
        JsonParser parser = new JsonParser(text, 0);
        parser.skipWhitespace();
        JsonValue value = parser.parseValue();
        parser.expectEnd();
        return value;
    }

    /**
     * Parses a text that holds exactly one JSON object.
     *
     * @param what names the text in the error message, as in {@code "the event body"}
     * @throws JsonParseException if {@code text} is not valid JSON or holds another kind of
     *     value; the message then reads, for example, {@code the event body must be a JSON
     *     object, got an array at line 1, column 1}
     */
    public static JsonObject parseObject(String text, String what) {
        Objects.requireNonNull(what, "what");
        JsonParser parser = new JsonParser(text, 0);
        parser.skipWhitespace();
        int start = parser.position();
        JsonValue value = parser.parseValue();
        parser.expectEnd();
        if (value instanceof JsonObject object) {
            return object;
        }
        throw JsonParseException.at(text, start, what + " must be a JSON object, got " + describe(value));
    }

    /**
     * Parses the one JSON value that starts at {@code from}, after optional whitespace, and
     * ignores whatever follows it. Useful to pull a document out of noisy command output.
     *
     * @throws IndexOutOfBoundsException if {@code from} is not within {@code 0..text.length()}
     * @throws JsonParseException if no valid JSON value starts there
     */
    public static JsonValue parseLeading(String text, int from) {
        JsonParser parser = new JsonParser(text, from);
        parser.skipWhitespace();
        return parser.parseValue();
    }

    /** Returns {@code text} as a compact JSON string literal, for messages. */
    static String quote(String text) {
        return JsonWriter.compact().write(new JsonString(text));
    }

    private static String describe(JsonValue value) {
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "an array";
        }
        if (value instanceof JsonString) {
            return "a string";
        }
        if (value instanceof JsonNumber) {
            return "a number";
        }
        if (value instanceof JsonBoolean) {
            return "a boolean";
        }
        return "null"; // JsonNull, the last permitted type
    }
}
