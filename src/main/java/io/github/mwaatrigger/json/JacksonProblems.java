package io.github.mwaatrigger.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Says in this project's words what Jackson found wrong with a text, and where.
 *
 * <p>Jackson's own messages cannot be passed on: they quote the input ({@code Unrecognized token 'hunter2'}),
 * which may hold secrets, and advise enabling Jackson features the caller has no say over. Jackson's
 * exception is therefore never kept as a cause. Its location is kept. A problem between tokens is told by
 * what the parser was in and the last character before the problem; a problem inside a token, or with a
 * limit, by the fixed part of Jackson's message, which the tests pin down case by case.
 */
final class JacksonProblems {

    private JacksonProblems() {
    }

    /**
     * Describes {@code e}, thrown by {@code parser} while it read {@code text} from offset {@code from} on.
     * Call it before the parser is closed: its state tells what it was reading.
     */
    static JsonParseException describe(JsonProcessingException e, JsonParser parser, String text, int from) {
        int offset = from + (int) offset(e, parser);
        String message = e.getOriginalMessage();
        if (message.contains("Document length")) {
            // Jackson notices after loading past the limit: point at the first character beyond it.
            long limit = parser.streamReadConstraints().getMaxDocumentLength();
            return JsonParseException.at(text, from + (int) limit, "the text is longer than " + limit + " characters");
        }
        if (message.contains("nesting depth")) {
            // Jackson has just entered the array or object that is one too deep: point at its bracket.
            return JsonParseException.at(text, offset - 1,
                    "nesting deeper than " + parser.streamReadConstraints().getMaxNestingDepth() + " levels");
        }
        if (message.contains("only regular white space")) {
            // A control character between tokens, which Jackson reports just after it: point at it.
            return JsonParseException.at(text, offset - 1, betweenTokens(parser, text, from, offset - 1));
        }
        return JsonParseException.at(text, offset, problem(e, parser, text, from, offset));
    }

    /** Where {@code e} happened, as a character offset in what {@code parser} read. */
    static long offset(JsonProcessingException e, JsonParser parser) {
        JsonLocation location = e.getLocation(); // none for a broken limit: that is where the parser stands
        return (location == null ? parser.currentLocation() : location).getCharOffset();
    }

    private static String problem(JsonProcessingException e, JsonParser parser, String text, int from, int offset) {
        String message = e.getOriginalMessage();
        if (message.contains("Number value length")) {
            return "a number is longer than " + parser.streamReadConstraints().getMaxNumberLength() + " characters";
        }
        if (message.startsWith("Duplicate field")) {
            return "duplicate member name " + Json.quote(parser.getParsingContext().getCurrentName());
        }
        if (message.contains("Leading zeroes")) {
            return "leading zeros are not allowed in a number";
        }
        if (message.contains("Decimal point not followed by a digit")) {
            return "expected a digit after the decimal point";
        }
        if (message.contains("number exponent") || message.contains("Exponent indicator")) {
            return "expected a digit in the exponent";
        }
        if (message.contains("following sign") || message.contains("follow minus sign")) {
            return "expected a digit after '-'";
        }
        if (message.contains("plus sign")) {
            return "a number cannot start with '+'";
        }
        if (message.startsWith("Non-standard token")) {
            return "NaN and Infinity are not numbers in JSON";
        }
        if (message.contains("hex-digit for character escape")) {
            return "expected 4 hex digits after \\u";
        }
        if (message.startsWith("Unrecognized character escape")) {
            return "invalid escape sequence";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return String.format("control character U+%04X must be escaped in a string", (int) text.charAt(offset));
        }
        if (message.contains("separating root-level values")) {
            return "unexpected text after the JSON value";
        }
        if (offset == text.length()) {
            return endOfInput(e, parser, text, from) + ", found the end of the input";
        }
        return betweenTokens(parser, text, from, offset);
    }

    /** What the parser still needed when the text ended: the rest of a token, or what comes after the last. */
    private static String endOfInput(JsonProcessingException e, JsonParser parser, String text, int from) {
        JsonToken unfinished = e instanceof JsonEOFException eof ? eof.getTokenBeingDecoded() : null;
        if (unfinished == JsonToken.VALUE_STRING || unfinished == JsonToken.FIELD_NAME) {
            return "expected '\"' to end the string";
        }
        if (unfinished == JsonToken.VALUE_NUMBER_INT || unfinished == JsonToken.VALUE_NUMBER_FLOAT) {
            return "expected a digit";
        }
        return "expected " + expected(parser, lastNonWhitespace(text, from, text.length()));
    }

    /** The problem with the character at {@code offset}, where a token, a separator or a bracket must be. */
    private static String betweenTokens(JsonParser parser, String text, int from, int offset) {
        char last = lastNonWhitespace(text, from, offset);
        if (last == '-') {
            return "expected a digit after '-'"; // between tokens, a '-' is where a number starts
        }
        char found = text.charAt(offset);
        JsonStreamContext context = parser.getParsingContext();
        if (last == ',' && (found == ']' && context.inArray() || found == '}' && context.inObject())) {
            return "trailing comma before '" + found + "'";
        }
        return "expected " + expected(parser, last);
    }

    /**
     * What may come next between the tokens of the container the parser is in, after the {@code last}
     * character it read (its last token stays the value before a comma, so the character tells more).
     */
    private static String expected(JsonParser parser, char last) {
        JsonStreamContext context = parser.getParsingContext();
        if (context.inArray()) {
            return last == '[' || last == ',' ? "a value" : "',' or ']' after an array element";
        }
        if (!context.inObject() || last == ':') {
            return "a value";
        }
        if (last == '{' || last == ',') {
            return "a member name in double quotes";
        }
        return parser.currentToken() == JsonToken.FIELD_NAME
                ? "':' after a member name" : "',' or '}' after an object member";
    }

    /** The last character before {@code end}, from {@code from} on, that is not JSON whitespace, or NUL. */
    private static char lastNonWhitespace(String text, int from, int end) {
        for (int i = end - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
        }
        return '\0';
    }
}
