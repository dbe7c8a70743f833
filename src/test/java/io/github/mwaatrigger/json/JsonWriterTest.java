package io.github.mwaatrigger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonWriterTest {

    private static final JsonObject SAMPLE = JsonObject.builder()
            .put("a", 1)
            .put("b", new JsonArray(List.of(JsonBoolean.TRUE, JsonNull.INSTANCE)))
            .put("c", JsonObject.empty())
            .put("d", new JsonArray(List.of()))
            .put("e", "x")
            .build();

    @Test
    void compactWritesNoWhitespace() {
        assertThat(JsonWriter.compact().write(SAMPLE))
                .isEqualTo("{\"a\":1,\"b\":[true,null],\"c\":{},\"d\":[],\"e\":\"x\"}");
    }

    @Test
    void pythonDumpsSeparatesItemsAndNamesWithASpace() {
        assertThat(JsonWriter.pythonDumps().write(SAMPLE))
                .isEqualTo("{\"a\": 1, \"b\": [true, null], \"c\": {}, \"d\": [], \"e\": \"x\"}");
    }

    static Stream<Arguments> stringEscapes() {
        return Stream.of(
                Arguments.of("a\"b\\c/d", "\"a\\\"b\\\\c/d\""),
                Arguments.of("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
                Arguments.of("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\""),
                Arguments.of("\u007f caf\u00e9 \uD83D\uDE00 \u2028", "\"\u007f caf\u00e9 \uD83D\uDE00 \u2028\""),
                Arguments.of("it's", "\"it's\""),
                Arguments.of("lone \uDC00", "\"lone \uDC00\""));
    }

    @ParameterizedTest
    @MethodSource("stringEscapes")
    void compactEscapesOnlyQuotesBackslashesAndControlCharacters(String value, String json) {
        assertThat(JsonWriter.compact().write(new JsonString(value))).isEqualTo(json);
    }

    @Test
    void asciiOnlyEscapesEveryCharacterAboveTilde() {
        JsonWriter writer = JsonWriter.compact().asciiOnly(true);

        assertThat(writer.write(new JsonString("~\u007f\u00e9\u20ac\uD83D\uDE00\uFFFF")))
                .isEqualTo("\"~\\u007f\\u00e9\\u20ac\\ud83d\\ude00\\uffff\"");
    }

    @Test
    void asciiOnlyCanBeSwitchedOffForPythonDumps() {
        JsonWriter writer = JsonWriter.pythonDumps().asciiOnly(false);

        assertThat(writer.write(new JsonString("caf\u00e9"))).isEqualTo("\"caf\u00e9\"");
    }

    @Test
    void escapingApostrophesLetsTheJsonSitInsideSingleQuotes() {
        JsonValue value = JsonObject.builder().put("it's", "O'Brien").build();

        assertThat(JsonWriter.compact().escapingApostrophes(true).write(value))
                .isEqualTo("{\"it\\u0027s\":\"O\\u0027Brien\"}")
                .doesNotContain("'");
    }

    @Test
    void optionsReturnNewWritersAndLeaveTheOriginalUnchanged() {
        JsonWriter compact = JsonWriter.compact();

        compact.asciiOnly(true).escapingApostrophes(true);

        assertThat(compact.write(new JsonString("\u00e9'"))).isEqualTo("\"\u00e9'\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1.50", "12345678901234567890", "1e400", "-1.5E-7", "2e+3"})
    void writesNumbersFromTheirTextUnchanged(String text) {
        assertThat(JsonWriter.pythonDumps().write(new JsonNumber(text))).isEqualTo(text);
    }

    @Test
    void appendsToTheGivenBuilder() {
        StringBuilder out = new StringBuilder("event=");

        JsonWriter.compact().write(new JsonArray(List.of(JsonBoolean.FALSE)), out);

        assertThat(out).hasToString("event=[false]");
    }

    @Test
    void keepsMemberInsertionOrder() {
        JsonValue value = JsonObject.builder().put("z", 1).put("a", 2).put("m", 3).build();

        assertThat(JsonWriter.compact().write(value)).isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
    }

    static Stream<Arguments> writersAndDocuments() {
        List<Named<JsonWriter>> writers = List.of(
                Named.of("compact", JsonWriter.compact()),
                Named.of("compact ASCII-only escaping apostrophes",
                        JsonWriter.compact().asciiOnly(true).escapingApostrophes(true)),
                Named.of("pythonDumps", JsonWriter.pythonDumps()));
        List<String> documents = List.of(
                "{\"a\":[1,2.5e-3,{\"b\":null}],\"c\":{\"d\":[[],{}]},\"e\":true}",
                "\"quotes \\\" backslash \\\\ controls \\u0000\\n\\u001f apostrophe ' caf\u00e9 \uD83D\uDE00\"",
                "\"lone surrogates \\ud800 \\udfff\"",
                "[-0,1.50,12345678901234567890,1e400]",
                "[\"\\u2028\\u2029\\u007f\\uffff\"]");
        return writers.stream().flatMap(writer -> documents.stream().map(document -> Arguments.of(writer, document)));
    }

    @ParameterizedTest
    @MethodSource("writersAndDocuments")
    void writtenTextParsesBackToTheSameValue(JsonWriter writer, String document) {
        JsonValue value = Json.parse(document);

        assertThat(Json.parse(writer.write(value))).isEqualTo(value);
    }
}
