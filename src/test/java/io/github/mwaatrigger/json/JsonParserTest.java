package io.github.mwaatrigger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

    static Stream<Arguments> validDocuments() {
        return Stream.of(
                Arguments.of("{}", JsonObject.empty()),
                Arguments.of(" \t\r\n[ ] \n", new JsonArray(List.of())),
                Arguments.of("true", JsonBoolean.TRUE),
                Arguments.of("false", JsonBoolean.FALSE),
                Arguments.of("null", JsonNull.INSTANCE),
                Arguments.of("\"\"", new JsonString("")),
                Arguments.of("\"plain\"", new JsonString("plain")),
                Arguments.of("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", new JsonString("\"\\/\b\f\n\r\t")),
                Arguments.of("\"caf\\u00e9 \\u00E9\"", new JsonString("café é")),
                Arguments.of("\"\\u0000\\u001F\"", new JsonString("\u0000\u001f")),
                Arguments.of("\"\\ud83d\\ude00\"", new JsonString("\uD83D\uDE00")),
                Arguments.of("\"lone \\udc00 and \\ud800\"", new JsonString("lone \uDC00 and \uD800")),
                Arguments.of("\"raw caf\u00e9 \uD83D\uDE00 \u007f\"",
                        new JsonString("raw caf\u00e9 \uD83D\uDE00 \u007f")),
                Arguments.of("0", new JsonNumber("0")),
                Arguments.of("-0", new JsonNumber("-0")),
                Arguments.of("1.50", new JsonNumber("1.50")),
                Arguments.of("12345678901234567890", new JsonNumber("12345678901234567890")),
                Arguments.of("1e400", new JsonNumber("1e400")),
                Arguments.of("-1.5E-7", new JsonNumber("-1.5E-7")),
                Arguments.of("2e+3", new JsonNumber("2e+3")),
                Arguments.of(
                        "{ \"a\" : [ 1 , { \"b\" : null } ] ,\n\"c\":\"d\" }",
                        new JsonObject(Map.of(
                                "a", new JsonArray(List.of(
                                        new JsonNumber("1"),
                                        new JsonObject(Map.of("b", JsonNull.INSTANCE)))),
                                "c", new JsonString("d")))));
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void parsesValidDocument(String text, JsonValue expected) {
        assertThat(Json.parse(text)).isEqualTo(expected);
    }

    @Test
    void keepsMemberOrderOfTheSource() {
        JsonObject object = (JsonObject) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertThat(object.members().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void acceptsNestingAtTheDepthLimit() {
        String text = "[".repeat(64) + "]".repeat(64);

        assertThat(Json.parse(text)).isInstanceOf(JsonArray.class);
    }

    @Test
    void rejectsNestingPastTheDepthLimit() {
        String text = "{\"a\":".repeat(32) + "[".repeat(33) + "]".repeat(33) + "}".repeat(32);

        assertRejected(text, "nesting deeper than 64 levels", 1, 32 * 5 + 33);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                   | expected a value, found the end of the input                       | 1 | 1
            `   `                | expected a value, found the end of the input                       | 1 | 4
            [                    | expected a value, found the end of the input                       | 1 | 2
            {                    | expected a member name in double quotes, found the end of the input | 1 | 2
            [1                   | expected ',' or ']' after an array element, found the end of the input | 1 | 3
            {"a":1 "b":2}        | expected ',' or '}' after an object member                         | 1 | 8
            [1 2]                | expected ',' or ']' after an array element                         | 1 | 4
            {"a" 1}              | expected ':' after a member name                                   | 1 | 6
            {"a":1,"a":2}        | duplicate member name "a"                                          | 1 | 8
            [1,]                 | trailing comma before ']'                                          | 1 | 4
            {"a":1, }            | trailing comma before '}'                                          | 1 | 9
            {'a':1}              | expected a member name in double quotes                            | 1 | 2
            ['a']                | expected a value                                                   | 1 | 2
            NaN                  | expected a value                                                   | 1 | 1
            Infinity             | expected a value                                                   | 1 | 1
            -Infinity            | expected a digit after '-'                                         | 1 | 2
            01                   | leading zeros are not allowed in a number                          | 1 | 2
            -00.5                | leading zeros are not allowed in a number                          | 1 | 3
            1.                   | expected a digit after the decimal point                           | 1 | 3
            .5                   | expected a value                                                   | 1 | 1
            +1                   | expected a value                                                   | 1 | 1
            1e                   | expected a digit in the exponent                                   | 1 | 3
            1E+                  | expected a digit in the exponent                                   | 1 | 4
            0x10                 | unexpected text after the JSON value                               | 1 | 2
            tru                  | expected a value                                                   | 1 | 1
            True                 | expected a value                                                   | 1 | 1
            [1] // comment       | unexpected text after the JSON value                               | 1 | 5
            /* comment */ 1      | expected a value                                                   | 1 | 1
            1 2                  | unexpected text after the JSON value                               | 1 | 3
            "abc                 | unterminated string                                                | 1 | 1
            "ab\\                | unterminated string                                                | 1 | 1
            "\\x"                | invalid escape sequence                                            | 1 | 2
            "\\'"                | invalid escape sequence                                            | 1 | 2
            "\\u12G4"            | expected 4 hex digits after \\u                                    | 1 | 2
            "\\u12"              | expected 4 hex digits after \\u                                    | 1 | 2
            """)
    void rejectsInvalidDocument(String text, String message, int line, int column) {
        assertRejected(text, message, line, column);
    }

    static Stream<Arguments> invalidDocumentsWithSpecialCharacters() {
        return Stream.of(
                Arguments.of("\"a\nb\"", "control character U+000A must be escaped in a string", 1, 3),
                Arguments.of("\"a\u001fb\"", "control character U+001F must be escaped in a string", 1, 3),
                Arguments.of("\"\\u\u0661\u0662\u0663\u0664\"", "expected 4 hex digits after \\u", 1, 2),
                Arguments.of("\u00a01", "expected a value", 1, 1),
                Arguments.of("\ufeff1", "expected a value", 1, 1),
                Arguments.of("{\n  \"a\": 1,\n  \"b\" 2\n}", "expected ':' after a member name", 3, 7),
                Arguments.of("[\r\n1,\r\n]", "trailing comma before ']'", 3, 1));
    }

    @ParameterizedTest
    @MethodSource("invalidDocumentsWithSpecialCharacters")
    void rejectsInvalidDocumentWithSpecialCharacters(String text, String message, int line, int column) {
        assertRejected(text, message, line, column);
    }

    @Test
    void reportsWhereInTheTextTheProblemIs() {
        JsonParseException e = catchThrowableOfType(
                JsonParseException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));

        assertThat(e).hasMessageEndingWith(" at line 3, column 7");
        assertThat(e.getMessage()).as("asked again").isEqualTo("expected ':' after a member name at line 3, column 7");
        assertThat(e).hasToString(JsonParseException.class.getName() + ": " + e.getMessage());
    }

    @Test
    void keepsItsMessageWhenSerialized() throws Exception {
        JsonParseException thrown = catchThrowableOfType(JsonParseException.class, () -> Json.parse("[1,\n2,]"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        }

        Object read;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isInstanceOf(JsonParseException.class)
                .hasFieldOrPropertyWithValue("message", "trailing comma before ']' at line 2, column 3");
    }

    @Test
    void neverQuotesTheInputInTheMessage() {
        assertThatThrownBy(() -> Json.parse("{\"password\": \"hunter2\" \"user\": \"bob\"}"))
                .isInstanceOf(JsonParseException.class)
                .message()
                .doesNotContain("hunter2")
                .doesNotContain("bob")
                .doesNotContain("user");
    }

    @Test
    void quotesAnEscapedDuplicateMemberName() {
        assertRejected("{\"a\\n\\\"b\":1,\"a\\n\\\"b\":2}", "duplicate member name \"a\\n\\\"b\"", 1, 13);
    }

    @Test
    void parseObjectReturnsTheObject() {
        JsonObject object = Json.parseObject(" {\"dag\": \"etl\"} ", "the event");

        assertThat(object.string("dag")).contains("etl");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [1]      | an array   | 1
            "text"   | a string   | 1
            -1.5     | a number   | 1
            false    | a boolean  | 1
            '  null' | null       | 3
            """)
    void parseObjectRejectsOtherKindsOfValue(String text, String kind, int column) {
        assertRejected(() -> Json.parseObject(text, "the event body"),
                "the event body must be a JSON object, got " + kind, 1, column);
    }

    @Test
    void parseObjectRejectsInvalidJson() {
        assertRejected(() -> Json.parseObject("{} x", "the event body"),
                "unexpected text after the JSON value", 1, 4);
    }

    @Test
    void parseLeadingReturnsTheValueBetweenNoiseLines() {
        String output = "WARNING: noise\n {\"state\": \"queued\"}\nmore noise";

        JsonValue value = Json.parseLeading(output, 14);

        assertThat(value).isEqualTo(JsonObject.builder().put("state", "queued").build());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true1        | 0 | true
            12abc        | 0 | 12
            'x [1]]'     | 1 | [1]
            '  "s"tail'  | 0 | "s"
            """)
    void parseLeadingIgnoresWhatFollowsTheValue(String text, int from, String value) {
        assertThat(Json.parseLeading(text, from)).isEqualTo(Json.parse(value));
    }

    @Test
    void parseLeadingReportsPositionsInTheWholeText() {
        assertRejected(() -> Json.parseLeading("line one\nxx [1,", 12), "expected a value, found the end of the input",
                2, 7);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4})
    void parseLeadingRejectsAStartOutsideTheText(int from) {
        assertThatThrownBy(() -> Json.parseLeading("abc", from)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertRejected(String text, String message, int line, int column) {
        assertRejected(() -> Json.parse(text), message, line, column);
    }

    private static void assertRejected(Runnable parse, String message, int line, int column) {
        JsonParseException e = catchThrowableOfType(JsonParseException.class, parse::run);

        assertThat(e).as("parse failure").isNotNull();
        assertThat(e.getMessage()).isEqualTo(message + " at line " + line + ", column " + column);
    }
}
