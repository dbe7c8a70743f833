package io.github.mwaatrigger.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@link JsonValue}s as JSON text. Instances are immutable and thread-safe.
 *
 * <p>Strings always escape {@code "} and {@code \}, and control characters below U+0020 as
 * {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t} or <code>&#92;u00XX</code>. Hex digits are
 * lowercase, as Python writes them. Numbers are written from their text, unchanged, so
 * {@link #pythonDumps()} matches Python exactly whenever the number text is the one Python
 * would write (always true for integers).
 */
public final class JsonWriter {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final JsonWriter COMPACT = new JsonWriter(",", ":", false, false);
    private static final JsonWriter PYTHON_DUMPS = new JsonWriter(", ", ": ", true, false);

    private final String itemSeparator;
    private final String keySeparator;
    private final boolean asciiOnly;
    private final boolean escapingApostrophes;

    private JsonWriter(String itemSeparator, String keySeparator, boolean asciiOnly, boolean escapingApostrophes) {
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.asciiOnly = asciiOnly;
        this.escapingApostrophes = escapingApostrophes;
    }

    /** Returns a writer of the shortest form, {@code {"a":1,"b":[true,null]}}, non-ASCII as is. */
    public static JsonWriter compact() {
        return COMPACT;
    }

    /**
     * Returns a writer that matches Python's {@code json.dumps(value)} defaults: separators
     * {@code ", "} and {@code ": "}, and {@code ensure_ascii=True}, so every character above
     * U+007E is written as <code>&#92;uXXXX</code> (characters beyond U+FFFF as a surrogate pair).
     */
    public static JsonWriter pythonDumps() {
        return PYTHON_DUMPS;
    }

    /**
     * Returns a writer like this one that writes every character above U+007E as
     * <code>&#92;uXXXX</code>, or not.
     */
    public JsonWriter asciiOnly(boolean enabled) {
        return new JsonWriter(itemSeparator, keySeparator, enabled, escapingApostrophes);
    }

    /**
     * Returns a writer like this one that writes {@code '} as <code>&#92;u0027</code>, or not. Escaped
     * apostrophes let the JSON sit inside POSIX single quotes.
     */
    public JsonWriter escapingApostrophes(boolean enabled) {
        return new JsonWriter(itemSeparator, keySeparator, asciiOnly, enabled);
    }

    /** Returns {@code value} as JSON text. */
    public String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** Appends {@code value} as JSON text to {@code out}. */
    public void write(JsonValue value, StringBuilder out) {
        Objects.requireNonNull(out, "out");
        writeValue(Objects.requireNonNull(value, "value"), out);
    }

    private void writeValue(JsonValue value, StringBuilder out) {
        if (value instanceof JsonObject object) {
            writeObject(object.members(), out);
        } else if (value instanceof JsonArray array) {
            writeArray(array.elements(), out);
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            out.append(number.text());
        } else if (value instanceof JsonBoolean bool) {
            out.append(bool.value());
        } else {
            out.append("null"); // JsonNull, the last permitted type
        }
    }

    private void writeObject(Map<String, JsonValue> members, StringBuilder out) {
        out.append('{');
        Iterator<Map.Entry<String, JsonValue>> entries = members.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonValue> member = entries.next();
            writeString(member.getKey(), out);
            out.append(keySeparator);
            writeValue(member.getValue(), out);
            if (entries.hasNext()) {
                out.append(itemSeparator);
            }
        }
        out.append('}');
    }

    private void writeArray(List<JsonValue> elements, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(itemSeparator);
            }
            writeValue(elements.get(i), out);
        }
        out.append(']');
    }

    private void writeString(String text, StringBuilder out) {
        out.append('"');
        int runStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                out.append(text, runStart, i);
                appendEscape(c, out);
                runStart = i + 1;
            }
        }
        out.append(text, runStart, text.length()).append('"');
    }

    private boolean needsEscape(char c) {
        return c < 0x20
                || c == '"'
                || c == '\\'
                || (c > 0x7E && asciiOnly)
                || (c == '\'' && escapingApostrophes);
    }

    private static void appendEscape(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u")
                    .append(HEX_DIGITS[c >> 12])
                    .append(HEX_DIGITS[c >> 8 & 0xF])
                    .append(HEX_DIGITS[c >> 4 & 0xF])
                    .append(HEX_DIGITS[c & 0xF]);
        }
    }
}
