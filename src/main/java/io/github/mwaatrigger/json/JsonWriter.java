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
 * {@link #pythonDumps()} and {@link #pythonPretty(int)} match Python exactly whenever the
 * number text is the one Python would write (always true for integers).
 */
public final class JsonWriter {

    private static final int SINGLE_LINE = -1;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final JsonWriter COMPACT = new JsonWriter(",", ":", SINGLE_LINE, false, false);
    private static final JsonWriter PYTHON_DUMPS = new JsonWriter(", ", ": ", SINGLE_LINE, true, false);

    private final String itemSeparator;
    private final String keySeparator;
    private final int indent;
    private final boolean asciiOnly;
    private final boolean escapingApostrophes;

    private JsonWriter(String itemSeparator, String keySeparator, int indent,
            boolean asciiOnly, boolean escapingApostrophes) {
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.indent = indent;
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
     * Returns a writer that matches Python's {@code json.dumps(value, indent=indent,
     * ensure_ascii=False)}: each array element and object member on its own line, indented by
     * {@code indent} spaces per level, {@code ","} at line ends, {@code ": "} after names, and
     * empty arrays and objects as {@code []} and {@code {}}.
     *
     * @throws IllegalArgumentException if {@code indent} is negative
     */
    public static JsonWriter pythonPretty(int indent) {
        if (indent < 0) {
            throw new IllegalArgumentException("indent must not be negative: " + indent);
        }
        return new JsonWriter(",", ": ", indent, false, false);
    }

    /**
     * Returns a writer like this one that writes every character above U+007E as
     * <code>&#92;uXXXX</code>, or not.
     */
    public JsonWriter asciiOnly(boolean enabled) {
        return new JsonWriter(itemSeparator, keySeparator, indent, enabled, escapingApostrophes);
    }

    /**
     * Returns a writer like this one that writes {@code '} as <code>&#92;u0027</code>, or not. Escaped
     * apostrophes let the JSON sit inside POSIX single quotes.
     */
    public JsonWriter escapingApostrophes(boolean enabled) {
        return new JsonWriter(itemSeparator, keySeparator, indent, asciiOnly, enabled);
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
        writeValue(Objects.requireNonNull(value, "value"), out, 0);
    }

    private void writeValue(JsonValue value, StringBuilder out, int level) {
        if (value instanceof JsonObject object) {
            writeObject(object.members(), out, level);
        } else if (value instanceof JsonArray array) {
            writeArray(array.elements(), out, level);
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

    private void writeObject(Map<String, JsonValue> members, StringBuilder out, int level) {
        if (members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonValue>> entries = members.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonValue> member = entries.next();
            startLine(out, level + 1);
            writeString(member.getKey(), out);
            out.append(keySeparator);
            writeValue(member.getValue(), out, level + 1);
            if (entries.hasNext()) {
                out.append(itemSeparator);
            }
        }
        startLine(out, level);
        out.append('}');
    }

    private void writeArray(List<JsonValue> elements, StringBuilder out, int level) {
        if (elements.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(itemSeparator);
            }
            startLine(out, level + 1);
            writeValue(elements.get(i), out, level + 1);
        }
        startLine(out, level);
        out.append(']');
    }

    /** In multi-line layout, starts a new line indented for {@code level}; otherwise does nothing. */
    private void startLine(StringBuilder out, int level) {
        if (indent == SINGLE_LINE) {
            return;
        }
        out.append('\n');
        for (int i = indent * level; i > 0; i--) {
            out.append(' ');
        }
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
