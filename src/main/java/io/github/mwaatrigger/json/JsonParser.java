package io.github.mwaatrigger.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A single-pass recursive-descent parser over a string, strict to RFC 8259.
 *
 * <p>Beyond the RFC it rejects duplicate member names and nesting deeper than {@link
 * #MAX_DEPTH}. One instance parses one text; it is not thread-safe.
 */
final class JsonParser {

    /** The deepest nesting of arrays and objects accepted; a top-level {@code []} is depth 1. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int position;
    private int depth;

    JsonParser(String text, int from) {
        this.text = Objects.requireNonNull(text, "text");
        this.position = Objects.checkIndex(from, text.length() + 1);
    }

    /** Returns the offset of the next character to read. */
    int position() {
        return position;
    }

    /** Skips the whitespace RFC 8259 allows between tokens: space, tab, line feed, carriage return. */
    void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    /** Reads the value that starts at the current position. */
    JsonValue parseValue() {
        if (position == text.length()) {
            throw expected("a value");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> parseObject();
            case '[' -> parseArray();
            case '"' -> new JsonString(parseString());
            case 't' -> parseLiteral("true", JsonBoolean.TRUE);
            case 'f' -> parseLiteral("false", JsonBoolean.FALSE);
            case 'n' -> parseLiteral("null", JsonNull.INSTANCE);
            default -> {
                if (c != '-' && !JsonNumberSyntax.isDigit(c)) {
                    throw expected("a value");
                }
                yield parseNumber();
            }
        };
    }

    /** Requires that nothing but whitespace follows. */
    void expectEnd() {
        skipWhitespace();
        if (position < text.length()) {
            throw fail(position, "unexpected text after the JSON value");
        }
    }

    private JsonObject parseObject() {
        enterContainer();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (!consume('}')) {
            parseMember(members);
            while (consume(',')) {
                rejectTrailingComma('}');
                parseMember(members);
            }
            if (!consume('}')) {
                throw expected("',' or '}' after an object member");
            }
        }
        depth--;
        return new JsonObject(members);
    }

    /** Reads {@code "name": value} and the whitespace around it. */
    private void parseMember(Map<String, JsonValue> members) {
        skipWhitespace();
        if (position == text.length() || text.charAt(position) != '"') {
            throw expected("a member name in double quotes");
        }
        int nameStart = position;
        String name = parseString();
        skipWhitespace();
        if (!consume(':')) {
            throw expected("':' after a member name");
        }
        skipWhitespace();
        JsonValue value = parseValue();
        if (members.putIfAbsent(name, value) != null) {
            throw fail(nameStart, "duplicate member name " + Json.quote(name));
        }
        skipWhitespace();
    }

    private JsonArray parseArray() {
        enterContainer();
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (!consume(']')) {
            elements.add(parseValue());
            skipWhitespace();
            while (consume(',')) {
                rejectTrailingComma(']');
                elements.add(parseValue());
                skipWhitespace();
            }
            if (!consume(']')) {
                throw expected("',' or ']' after an array element");
            }
        }
        depth--;
        return new JsonArray(elements);
    }

    /** Consumes the opening bracket of an array or object, enforcing {@link #MAX_DEPTH}. */
    private void enterContainer() {
        if (++depth > MAX_DEPTH) {
            throw fail(position, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        position++;
    }

    /** Skips whitespace after a comma and rejects the container's closing bracket there. */
    private void rejectTrailingComma(char closing) {
        skipWhitespace();
        if (position < text.length() && text.charAt(position) == closing) {
            throw fail(position, "trailing comma before '" + closing + "'");
        }
    }

    /** Reads a string token; allocates a builder only if the string holds escapes. */
    private String parseString() {
        int open = position;
        StringBuilder decoded = null;
        int runStart = open + 1;
        int i = runStart;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                position = i + 1;
                return decoded == null
                        ? text.substring(runStart, i)
                        : decoded.append(text, runStart, i).toString();
            }
            if (c == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder(i - runStart + 16);
                }
                decoded.append(text, runStart, i);
                i = appendEscape(decoded, open, i);
                runStart = i;
            } else if (c < 0x20) {
                throw fail(i, String.format("control character U+%04X must be escaped in a string", (int) c));
            } else {
                i++;
            }
        }
        throw fail(open, "unterminated string");
    }

    /** Decodes the escape sequence at {@code backslash} and returns the offset after it. */
    private int appendEscape(StringBuilder decoded, int open, int backslash) {
        if (backslash + 1 == text.length()) {
            throw fail(open, "unterminated string");
        }
        switch (text.charAt(backslash + 1)) {
            case '"' -> decoded.append('"');
            case '\\' -> decoded.append('\\');
            case '/' -> decoded.append('/');
            case 'b' -> decoded.append('\b');
            case 'f' -> decoded.append('\f');
            case 'n' -> decoded.append('\n');
            case 'r' -> decoded.append('\r');
            case 't' -> decoded.append('\t');
            case 'u' -> {
                decoded.append(parseHexCodeUnit(backslash));
                return backslash + 6;
            }
            default -> throw fail(backslash, "invalid escape sequence");
        }
        return backslash + 2;
    }

    /**
     * Reads the four hex digits of a <code>&#92;u</code> escape. Each escape is one UTF-16 code unit, so
     * surrogate pairs come out as pairs and unpaired surrogates are kept as they are.
     */
    private char parseHexCodeUnit(int backslash) {
        int value = 0;
        for (int i = backslash + 2; i < backslash + 6; i++) {
            int digit = i < text.length() ? hexValue(text.charAt(i)) : -1;
            if (digit < 0) {
                throw fail(backslash, "expected 4 hex digits after \\u");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private JsonNumber parseNumber() {
        int start = position;
        position = JsonNumberSyntax.end(text, start);
        return new JsonNumber(text.substring(start, position));
    }

    private JsonValue parseLiteral(String literal, JsonValue value) {
        if (!text.startsWith(literal, position)) {
            throw expected("a value");
        }
        position += literal.length();
        return value;
    }

    private boolean consume(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private JsonParseException expected(String what) {
        String problem = position == text.length()
                ? "expected " + what + ", found the end of the input"
                : "expected " + what;
        return fail(position, problem);
    }

    private JsonParseException fail(int offset, String problem) {
        return JsonParseException.at(text, offset, problem);
    }
}
