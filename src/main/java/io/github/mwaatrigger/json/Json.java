package io.github.mwaatrigger.json;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Parses JSON text strictly, as RFC 8259 defines it, and within limits, because most of it comes from
 * callers this code does not trust.
 *
 * <p>Rejected, with a {@link JsonParseException} that says what and where: anything but exactly one value
 * surrounded by optional whitespace (space, tab, line feed, carriage return), duplicate member names,
 * unescaped control characters in strings, invalid escapes, leading zeros, {@code NaN}, {@code Infinity},
 * single quotes, unquoted names, comments, trailing commas, and text beyond the limits below.
 * <code>&#92;u</code> escapes of unpaired surrogates are accepted, as the RFC allows, and kept as they are.
 */
public final class Json {

    /**
     * The deepest nesting of arrays and objects that {@link #parse} and {@link #parseObject} accept; a
     * top-level {@code []} is 1 deep. Far deeper than any conf people write, and shallow enough that no
     * reader or writer of the value comes near the end of its stack.
     */
    public static final int MAX_DEPTH = 64;

    /**
     * The deepest nesting that {@link #parseLeading} accepts: two levels more than {@link #MAX_DEPTH}.
     * Commands answer in arrays of objects that hold what they were given, as Airflow's {@code -o json}
     * prints a run as {@code [{"conf": ...}]}; a conf accepted at {@link #MAX_DEPTH} must be readable there.
     */
    public static final int MAX_LEADING_DEPTH = MAX_DEPTH + 2;

    /**
     * The longest text read, in characters: the largest answer the MWAA CLI endpoint is read up to (16 MiB).
     * Strings and member names may be as long, as the Base64 output in that answer is.
     */
    public static final int MAX_DOCUMENT_LENGTH = 16 * 1024 * 1024;

    /**
     * The longest number, in characters. Numbers are kept as their text and never converted here, so this
     * only bounds what one token may hold; Python, which reads the conf in Airflow, refuses integers of more
     * than 4300 digits.
     */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonReader DOCUMENTS = new JsonReader(MAX_DEPTH);
    private static final JsonReader LEADING_VALUES = new JsonReader(MAX_LEADING_DEPTH);

    private Json() {
    }

    /**
     * Parses a text that holds exactly one JSON value.
     *
     * @throws JsonParseException if {@code text} is not exactly one valid JSON value
     */
    public static JsonValue parse(String text) {
        return DOCUMENTS.readWhole(text).value();
    }

    /**
     * Parses a text that holds exactly one JSON object.
     *
     * @param what names the text in the error message, as in {@code "the event body"}
     * @throws JsonParseException if {@code text} is not valid JSON or holds another kind of value; the
     *     message then reads, for example, {@code the event body must be a JSON object, got an array at
     *     line 1, column 1}
     */
    public static JsonObject parseObject(String text, String what) {
        Objects.requireNonNull(what, "what");
        JsonReader.Located located = DOCUMENTS.readWhole(text);
        if (located.value() instanceof JsonObject object) {
            return object;
        }
        throw JsonParseException.at(text, located.offset(),
                what + " must be a JSON object, got " + describe(located.value()));
    }

    /**
     * Parses the one JSON value that starts at {@code from}, after optional whitespace, and ignores whatever
     * follows it; pulls a document out of noisy command output. Meant for arrays and objects, which end at
     * their closing bracket: a number, {@code true}, {@code false} or {@code null} must be followed by
     * whitespace or the end of the text ({@code 12abc} and {@code true1} are refused).
     *
     * @throws IndexOutOfBoundsException if {@code from} is not within {@code 0..text.length()}
     * @throws JsonParseException if no valid JSON value starts there; lines and columns count from the
     *     start of {@code text}
     */
    public static JsonValue parseLeading(String text, int from) {
        return LEADING_VALUES.readLeading(text, from);
    }

    /**
     * Reads the JSON array that starts at {@code from}, after optional whitespace, element by element:
     * each element goes to {@code each} as soon as it is read, so that a long array (a command's answer
     * listing every run of a DAG) is never held whole. What follows the array is ignored. Elements are
     * read with the limits of {@link #parseLeading}.
     *
     * @return how many elements the array had
     * @throws IndexOutOfBoundsException if {@code from} is not within {@code 0..text.length()}
     * @throws JsonParseException if no valid JSON array starts there; elements before the problem have
     *     been handed to {@code each} already
     */
    public static int forEachLeadingArrayElement(String text, int from, Consumer<JsonValue> each) {
        return LEADING_VALUES.readLeadingArray(text, from, each);
    }

    /** Returns {@code text} as a compact JSON string literal, for messages. */
    static String quote(String text) {
        return JsonWriter.compact().write(new JsonString(text));
    }

    private static String describe(JsonValue value) {
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
        return "null"; // JsonNull, the last kind that is not an object
    }
}
