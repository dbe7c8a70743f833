package io.github.mwaatrigger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

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
                Arguments.of("\"an escaped backslash before u: \\\\u12G4\"", new JsonString("an escaped backslash before u: \\u12G4")),
                Arguments.of("0", new JsonNumber("0")),
                Arguments.of("-0", new JsonNumber("-0")),
                Arguments.of("1.50", new JsonNumber("1.50")),
                Arguments.of("123456789012345678901234567890", new JsonNumber("123456789012345678901234567890")),
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
        String text = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);

        assertThat(Json.parse(text)).isInstanceOf(JsonArray.class);
    }

    @Test
    void rejectsNestingPastTheDepthLimit() {
        String text = "{\"a\":".repeat(32) + "[".repeat(33) + "]".repeat(33) + "}".repeat(32);

        assertRejected(text, "nesting deeper than 64 levels", 1, 32 * 5 + 33);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                   | expected a value, found the end of the input                        | 1 | 1
            `   `                | expected a value, found the end of the input                        | 1 | 4
            [                    | expected a value, found the end of the input                        | 1 | 2
            [1,                  | expected a value, found the end of the input                        | 1 | 4
            {                    | expected a member name in double quotes, found the end of the input | 1 | 2
            {"a":1,              | expected a member name in double quotes, found the end of the input | 1 | 8
            {"a"                 | expected ':' after a member name, found the end of the input        | 1 | 5
            {"a":                | expected a value, found the end of the input                        | 1 | 6
            [1                   | expected ',' or ']' after an array element, found the end of the input | 1 | 3
            {"a":1               | expected ',' or '}' after an object member, found the end of the input | 1 | 7
            {"a":[]              | expected ',' or '}' after an object member, found the end of the input | 1 | 8
            {"a":1 "b":2}        | expected ',' or '}' after an object member                          | 1 | 8
            [1 2]                | expected ',' or ']' after an array element                          | 1 | 4
            {"a" 1}              | expected ':' after a member name                                    | 1 | 6
            {"a":1,"a":2}        | duplicate member name "a"                                           | 1 | 11
            {"a":{},"b":1,"a":2} | duplicate member name "a"                                           | 1 | 18
            [1,]                 | trailing comma before ']'                                           | 1 | 4
            {"a":1, }            | trailing comma before '}'                                           | 1 | 9
            [1,,2]               | expected a value                                                    | 1 | 4
            {"a":}               | expected a value                                                    | 1 | 6
            {,}                  | expected a member name in double quotes                             | 1 | 2
            {'a':1}              | expected a member name in double quotes                             | 1 | 2
            {a:1}                | expected a member name in double quotes                             | 1 | 2
            ['a']                | expected a value                                                    | 1 | 2
            [1}                  | expected ',' or ']' after an array element                          | 1 | 3
            {"a":1]              | expected ',' or '}' after an object member                          | 1 | 7
            [}                   | expected a value                                                    | 1 | 2
            ]                    | expected a value                                                    | 1 | 1
            NaN                  | NaN and Infinity are not numbers in JSON                            | 1 | 4
            Infinity             | NaN and Infinity are not numbers in JSON                            | 1 | 9
            -Infinity            | NaN and Infinity are not numbers in JSON                            | 1 | 10
            01                   | leading zeros are not allowed in a number                           | 1 | 2
            -00.5                | leading zeros are not allowed in a number                           | 1 | 3
            1.                   | expected a digit after the decimal point                            | 1 | 2
            1.e5                 | expected a digit after the decimal point                            | 1 | 2
            .5                   | expected a value                                                    | 1 | 1
            +1                   | a number cannot start with '+'                                      | 1 | 2
            -                    | expected a digit after '-'                                          | 1 | 2
            -x                   | expected a digit after '-'                                          | 1 | 2
            -.5                  | expected a digit after '-'                                          | 1 | 2
            {"a":-.5}            | expected a digit after '-'                                          | 1 | 7
            [+                   | expected a digit, found the end of the input                        | 1 | 3
            [-]                  | expected a digit after '-'                                          | 1 | 3
            1e                   | expected a digit in the exponent                                    | 1 | 3
            1E+                  | expected a digit in the exponent                                    | 1 | 4
            [1e]                 | expected a digit in the exponent                                    | 1 | 3
            0x10                 | unexpected text after the JSON value                                | 1 | 2
            tru                  | expected a value                                                    | 1 | 1
            True                 | expected a value                                                    | 1 | 1
            [1] // comment       | unexpected text after the JSON value                                | 1 | 5
            /* comment */ 1      | expected a value                                                    | 1 | 1
            [1,/* c */2]         | expected a value                                                    | 1 | 4
            # comment            | expected a value                                                    | 1 | 1
            {"a":0/              | expected ',' or '}' after an object member                          | 1 | 7
            {"a" /: 1}           | expected ':' after a member name                                    | 1 | 6
            {"a":{/}}            | expected a member name in double quotes                             | 1 | 7
            [true1]              | expected a value                                                    | 1 | 2
            1 2                  | unexpected text after the JSON value                                | 1 | 3
            {} x                 | unexpected text after the JSON value                                | 1 | 4
            [1]]                 | unexpected text after the JSON value                                | 1 | 4
            "abc                 | expected '"' to end the string, found the end of the input          | 1 | 5
            "ab\\                | expected '"' to end the string, found the end of the input          | 1 | 5
            {"ab                 | expected '"' to end the string, found the end of the input          | 1 | 5
            "\\x"                | invalid escape sequence                                             | 1 | 3
            "\\'"                | invalid escape sequence                                             | 1 | 3
            "\\u12G4"            | expected 4 hex digits after \\u                                     | 1 | 6
            "\\u12"              | expected 4 hex digits after \\u                                     | 1 | 6
            """)
    void rejectsInvalidDocument(String text, String message, int line, int column) {
        assertRejected(text, message, line, column);
    }

    static Stream<Arguments> invalidDocumentsWithSpecialCharacters() {
        return Stream.of(
                Arguments.of("\"a\nb\"", "control character U+000A must be escaped in a string", 1, 3),
                Arguments.of("\"a\u001fb\"", "control character U+001F must be escaped in a string", 1, 3),
                Arguments.of("\"\\u\u0661\u0662\u0663\u0664\"", "expected 4 hex digits after \\u", 1, 2),
                Arguments.of("[\"ok\", \"\\\\\", \"\\uffff\\u\u0661\u0662\u0663\u0664\"]",
                        "expected 4 hex digits after \\u", 1, 21),
                Arguments.of("\"\\u\uff11\uff12\uff13\uff14\"", "expected 4 hex digits after \\u", 1, 4),
                Arguments.of("\u00a01", "expected a value", 1, 1),
                Arguments.of("\ufeff1", "expected a value", 1, 1),
                Arguments.of("\u000b1", "expected a value", 1, 1),
                Arguments.of("[1,\u00002]", "expected a value", 1, 4),
                Arguments.of("[\u0000]", "expected a value", 1, 2),
                Arguments.of("[1\u0000", "expected ',' or ']' after an array element", 1, 3),
                Arguments.of("{\u0000", "expected a member name in double quotes", 1, 2),
                Arguments.of("{\"a\"\u001f:1}", "expected ':' after a member name", 1, 5),
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
        assertThat(e).hasToString(JsonParseException.class.getName() + ": " + e.getMessage()).hasNoCause();
    }

    @Test
    void keepsItsMessageWhenSerialized() throws Exception {
        JsonParseException thrown = catchThrowableOfType(JsonParseException.class, () -> Json.parse("[1,\n2,]"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        }

        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isInstanceOf(JsonParseException.class)
                .hasFieldOrPropertyWithValue("message", "trailing comma before ']' at line 2, column 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"password\": \"hunter2\" \"user\": \"bob\"}",
        "[hunter2]",
        "{\"a\": hunter2}",
        "[1, NaN_hunter2]",
        "{hunter2: 1}",
        "[1] hunter2",
        "\"\\hunter2\"",
        "[\"a\", 'hunter2']",
        "-hunter2",
        "[0hunter2]"})
    void neverQuotesTheInputInTheMessage(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(JsonParseException.class)
                .hasNoCause()
                .message()
                .doesNotContain("hunter2")
                .doesNotContain("bob")
                .doesNotContain("user")
                .doesNotContain("'h'")
                .doesNotContainIgnoringCase("jackson");
    }

    @Test
    void quotesAnEscapedDuplicateMemberName() {
        assertRejected("{\"a\\n\\\"b\":1,\"a\\n\\\"b\":2}", "duplicate member name \"a\\n\\\"b\"", 1, 21);
    }

    @Test
    void acceptsNumbersUpToTheLengthLimit() {
        String digits = "9".repeat(Json.MAX_NUMBER_LENGTH);

        assertThat(Json.parse("[" + digits + "]")).isEqualTo(new JsonArray(List.of(new JsonNumber(digits))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "0.", "1.5e"})
    void rejectsNumbersPastTheLengthLimit(String prefix) {
        String number = prefix + "1".repeat(Json.MAX_NUMBER_LENGTH + 1 - prefix.length());

        assertThatThrownBy(() -> Json.parse("[" + number + "]"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageStartingWith("a number is longer than 1000 characters at line 1, column ");
    }

    @Test
    void acceptsStringsAsLongAsTheDocumentAllows() {
        String text = "x".repeat(Json.MAX_DOCUMENT_LENGTH - 8);

        assertThat(Json.parseObject("{\"" + "n".repeat(60_000) + "\":\"" + text.substring(60_000) + "\"}", "big"))
                .satisfies(object -> assertThat(object.members().keySet()).singleElement().asString().hasSize(60_000));
    }

    @Test
    void rejectsDocumentsPastTheLengthLimit() {
        String text = "[" + " ".repeat(Json.MAX_DOCUMENT_LENGTH) + "]";

        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(JsonParseException.class)
                .hasMessage("the text is longer than 16777216 characters at line 1, column 16777217");
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
            'x [1]]'                | 1 | [1]
            '[1] tail \\u12G4 "'    | 0 | [1]
            '{"a":{}}}'             | 0 | {"a":{}}
            '  "s"tail'             | 0 | "s"
            'true, and more'        | 0 | true
            '12 and more'           | 0 | 12
            """)
    void parseLeadingIgnoresWhatFollowsTheValue(String text, int from, String value) {
        assertThat(Json.parseLeading(text, from)).isEqualTo(Json.parse(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12abc  | unexpected text after the JSON value | 3
            true1  | expected a value                     | 1
            """)
    void parseLeadingRefusesANumberOrLiteralThatRunsIntoWhatFollows(String text, String message, int column) {
        assertRejected(() -> Json.parseLeading(text, 0), message, 1, column);
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

    @Test
    void parseLeadingAcceptsTwoLevelsMoreThanParse() {
        String deepest = "[".repeat(Json.MAX_LEADING_DEPTH) + "]".repeat(Json.MAX_LEADING_DEPTH);

        assertThat(Json.parseLeading(deepest, 0)).isInstanceOf(JsonArray.class);
        assertRejected(() -> Json.parseLeading("[" + deepest + "]", 0), "nesting deeper than 66 levels", 1, 67);
        assertRejected(() -> Json.parse(deepest), "nesting deeper than 64 levels", 1, 65);
    }

    @Test
    void aConfAtTheDeepestAcceptedDepthCanBeReadBackInsideACommandAnswer() {
        String text = "{\"a\":".repeat(Json.MAX_DEPTH - 2) + "{\"leaf\":[]}" + "}".repeat(Json.MAX_DEPTH - 2);
        JsonObject conf = Json.parseObject(text, "conf");
        assertThatThrownBy(() -> Json.parse("[" + text + "]")).as("one level more").isInstanceOf(JsonParseException.class);
        JsonArray answer = new JsonArray(List.of(JsonObject.builder().put("conf", conf).build()));

        assertThat(Json.parseLeading("INFO noise\n" + JsonWriter.compact().write(answer) + "\n", 11)).isEqualTo(answer);
    }

    private static void assertRejected(String text, String message, int line, int column) {
        assertRejected(() -> Json.parse(text), message, line, column);
    }

    private static void assertRejected(Runnable parse, String message, int line, int column) {
        JsonParseException e = catchThrowableOfType(JsonParseException.class, parse::run);

        assertThat(e).as("parse failure").isNotNull();
        assertThat(e.getMessage()).isEqualTo(message + " at line " + line + ", column " + column);
    }

    @Test
    void forEachLeadingArrayElement_handsOnEachElementInOrder_andCountsThem() {
        String output = "log line\n[{\"a\": 1}, [2], \"three\", null] trailing noise";
        List<JsonValue> seen = new java.util.ArrayList<>();

        int count = Json.forEachLeadingArrayElement(output, output.indexOf('['), seen::add);

        assertThat(count).isEqualTo(4);
        assertThat(seen).containsExactly(Json.parse("{\"a\": 1}"), Json.parse("[2]"), new JsonString("three"),
                JsonNull.INSTANCE);
        assertThat(Json.forEachLeadingArrayElement(" [ ] ", 0, seen::add)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[{\"a\": 1, \"a\": 2}]   | duplicate member name \"a\" at line 1, column",
        "[\"\\u00zz\"]             | expected 4 hex digits after \\u",
        "[1, 2                      | found the end of the input",
        "{\"a\": [1]}               | expected an array at line 1, column 1",
        "[1,]                       | trailing comma before ']' at line 1, column 4"})
    void forEachLeadingArrayElement_isAsStrictAsParse(String text, String message) {
        assertThatThrownBy(() -> Json.forEachLeadingArrayElement(text, 0, element -> { }))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining(message);
    }

    @Test
    void forEachLeadingArrayElement_refusesAnArabicIndicDigitInAnEscape_inAnyElement() {
        String text = "[\"ok\", \"\\u00\u0661\u0661\"]";
        List<JsonValue> seen = new java.util.ArrayList<>();

        assertThatThrownBy(() -> Json.forEachLeadingArrayElement(text, 0, seen::add))
                .isInstanceOf(JsonParseException.class).hasMessageStartingWith("expected 4 hex digits after \\u");
        assertThat(seen).containsExactly(new JsonString("ok"));
    }
}
