package io.github.mwaatrigger.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds {@link JsonValue}s from jackson-core's streaming parser, set up strictly: Jackson's lenient
 * features all stay off (their defaults), duplicate member names are refused, and nesting and lengths are
 * bounded. Thread-safe; the factory is made once, as Jackson intends.
 */
final class JsonReader {

    /** A value and the offset in the text where it starts. */
    record Located(JsonValue value, int offset) {
    }

    private final JsonFactory factory;

    /** A reader that accepts arrays and objects nested up to {@code maxDepth} deep. */
    JsonReader(int maxDepth) {
        factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Member names come from callers: keep them out of a table shared across parses, whose
                // hash-collision guard would throw an IllegalStateException instead of a parse error.
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxDocumentLength(Json.MAX_DOCUMENT_LENGTH)
                        .maxStringLength(Json.MAX_DOCUMENT_LENGTH)
                        .maxNameLength(Json.MAX_DOCUMENT_LENGTH)
                        .maxNumberLength(Json.MAX_NUMBER_LENGTH)
                        .build())
                .build();
    }

    /** Reads the one value that {@code text} holds, with nothing but whitespace around it. */
    Located readWhole(String text) {
        Objects.requireNonNull(text, "text");
        return read(text, 0, true);
    }

    /** Reads the value that starts at {@code from}, after whitespace, and leaves what follows it unread. */
    JsonValue readLeading(String text, int from) {
        Objects.checkIndex(from, text.length() + 1);
        return read(text, from, false).value();
    }

    /**
     * Reads the array that starts at {@code from}, after whitespace, handing each element to {@code each}
     * as soon as it is read: only one element is held at a time. What follows the array is left unread.
     *
     * @return how many elements the array had
     */
    int readLeadingArray(String text, int from, Consumer<JsonValue> each) {
        Objects.checkIndex(from, text.length() + 1);
        Objects.requireNonNull(each, "each");
        try (JsonParser parser = factory.createParser(readerFrom(text, from))) {
            int count = 0;
            try {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    int offset = first == null ? text.length()
                            : from + (int) parser.currentTokenLocation().getCharOffset();
                    throw JsonParseException.at(text, offset, "expected an array");
                }
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        throw JsonParseException.at(text, text.length(), "expected ',' or ']' after an array element, "
                                + "found the end of the input");
                    }
                    int start = from + (int) parser.currentTokenLocation().getCharOffset();
                    JsonValue element = value(parser, token);
                    requireAsciiHexEscapesBetween(text, start, from + (int) parser.currentLocation().getCharOffset());
                    each.accept(element);
                    count++;
                }
            } catch (JsonProcessingException e) {
                throw JacksonProblems.describe(e, parser, text, from);
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a string in memory", e);
        }
    }

    private Located read(String text, int from, boolean whole) {
        try (JsonParser parser = factory.createParser(readerFrom(text, from))) {
            Located located = readValue(parser, text, from);
            requireAsciiHexEscapes(text, from, from + (int) parser.currentLocation().getCharOffset());
            if (whole) {
                requireEnd(parser, text, from);
            }
            return located;
        } catch (IOException e) {
            // Jackson declares it for every source; a string in memory never fails to be read.
            throw new UncheckedIOException("could not read a string in memory", e);
        }
    }

    /** A reader of {@code text} from {@code from} on, without copying it: a long output may be tried at many offsets. */
    private static Reader readerFrom(String text, int from) throws IOException {
        Reader reader = new StringReader(text);
        reader.skip(from);
        return reader;
    }

    private static Located readValue(JsonParser parser, String text, int from) throws IOException {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw JsonParseException.at(text, text.length(), "expected a value, found the end of the input");
            }
            int offset = from + (int) parser.currentTokenLocation().getCharOffset();
            return new Located(value(parser, first), offset);
        } catch (JsonProcessingException e) {
            throw JacksonProblems.describe(e, parser, text, from);
        }
    }

    /**
     * Refuses the <code>&#92;u</code> escapes that Jackson's parser of characters lets through: it looks hex
     * digits up by the low byte of the character only, so that U+0661, an Arabic-Indic digit, reads as
     * {@code a}. Every backslash in the value Jackson read is in a string, so backslashes pair up from the
     * left: in <code>&#92;&#92;u</code> the {@code u} is not escaped.
     */
    private static void requireAsciiHexEscapes(String text, int from, int end) {
        for (int i = text.indexOf('\\', from); i >= 0 && i < end; i = text.indexOf('\\', i + 2)) {
            if (text.charAt(i + 1) == 'u' && !isAsciiHex(text, i + 2, i + 6)) {
                throw JsonParseException.at(text, i, "expected 4 hex digits after \\u");
            }
        }
    }

    /**
     * {@link #requireAsciiHexEscapes} for the text of one value from {@code start} to {@code end}, without
     * looking beyond {@code end}: an array's elements are checked one by one in a single pass.
     */
    private static void requireAsciiHexEscapesBetween(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\\') {
                if (text.charAt(i + 1) == 'u' && !isAsciiHex(text, i + 2, i + 6)) {
                    throw JsonParseException.at(text, i, "expected 4 hex digits after \\u");
                }
                i++;
            }
        }
    }

    private static boolean isAsciiHex(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Requires that nothing but whitespace follows the value; Jackson would read on to further values. A
     * limit broken there is still that limit (Jackson counts the document's length as it loads the rest).
     */
    private static void requireEnd(JsonParser parser, String text, int from) throws IOException {
        long offset;
        try {
            if (parser.nextToken() == null) {
                return;
            }
            offset = parser.currentTokenLocation().getCharOffset();
        } catch (StreamConstraintsException e) {
            throw JacksonProblems.describe(e, parser, text, from);
        } catch (JsonProcessingException e) {
            offset = JacksonProblems.offset(e, parser);
        }
        throw JsonParseException.at(text, from + (int) offset, "unexpected text after the JSON value");
    }

    private static JsonValue value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> new JsonString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser);
            case VALUE_TRUE -> JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonBoolean.FALSE;
            case VALUE_NULL -> JsonNull.INSTANCE;
            default -> throw new IllegalStateException("Jackson read " + token + " where a value starts");
        };
    }

    /**
     * Jackson bounds the integer digits of a number as it reads them, and its fraction and exponent only
     * when asked for the value, which is never: the whole text is bounded here, with Jackson's own check.
     */
    private static JsonNumber number(JsonParser parser) throws IOException {
        String text = parser.getText();
        parser.streamReadConstraints().validateFPLength(text.length());
        return new JsonNumber(text);
    }

    private static JsonObject object(JsonParser parser) throws IOException {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            members.put(name, value(parser, parser.nextToken()));
        }
        return new JsonObject(members);
    }

    private static JsonArray array(JsonParser parser) throws IOException {
        List<JsonValue> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            elements.add(value(parser, token));
        }
        return new JsonArray(elements);
    }
}
