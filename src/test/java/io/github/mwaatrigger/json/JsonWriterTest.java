package io.github.mwaatrigger.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
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

    static Stream<Arguments> stringEscapes() {
        return Stream.of(
                Arguments.of("a\"b\\c/d", "\"a\\\"b\\\\c/d\""),
                Arguments.of("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
                Arguments.of("\u0000\u0001\u001a\u001f", "\"\\u0000\\u0001\\u001a\\u001f\""),
                Arguments.of("\u007f caf\u00e9 \uD83D\uDE00 \u2028", "\"\u007f caf\u00e9 \uD83D\uDE00 \u2028\""),
                Arguments.of("it's", "\"it's\""),
                Arguments.of("lone \uDC00 and \uD800", "\"lone \uDC00 and \uD800\""));
    }

    @ParameterizedTest
    @MethodSource("stringEscapes")
    void compactEscapesOnlyQuotesBackslashesAndControlCharacters(String value, String json) {
        assertThat(JsonWriter.compact().write(new JsonString(value))).isEqualTo(json);
    }

    @Test
    void compactEscapesMemberNamesAsStrings() {
        JsonValue value = JsonObject.builder().put("\"caf\u00e9\"\n", 1).build();

        assertThat(JsonWriter.compact().write(value)).isEqualTo("{\"\\\"caf\u00e9\\\"\\n\":1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1.50", "12345678901234567890", "1e400", "-1.5E-7", "2e+3"})
    void writesNumbersFromTheirTextUnchanged(String text) {
        assertThat(JsonWriter.compact().write(new JsonArray(List.of(new JsonNumber(text))))).isEqualTo("[" + text + "]");
    }

    @Test
    void keepsMemberInsertionOrder() {
        JsonValue value = JsonObject.builder().put("z", 1).put("a", 2).put("m", 3).build();

        assertThat(JsonWriter.compact().write(value)).isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
    }

    @Test
    void writesToAGeneratorThatDecidesTheLayout() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            JsonWriter.writeTo(generator, JsonObject.builder().put("a", new JsonArray(List.of(JsonNumber.of(1)))).build());
        }

        assertThat(out.toString()).isEqualToNormalizingNewlines("{\n  \"a\" : [ 1 ]\n}");
    }

    static List<String> documents() {
        return List.of(
                "{\"a\":[1,2.5e-3,{\"b\":null}],\"c\":{\"d\":[[],{}]},\"e\":true}",
                "\"quotes \\\" backslash \\\\ controls \\u0000\\n\\u001f apostrophe ' caf\u00e9 \uD83D\uDE00\"",
                "\"lone surrogates \\ud800 \\udfff\"",
                "[-0,1.50,12345678901234567890,1e400]",
                "[\"\\u2028\\u2029\\u007f\\uffff\"]");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writtenTextParsesBackToTheSameValue(String document) {
        JsonValue value = Json.parse(document);

        assertThat(Json.parse(JsonWriter.compact().write(value))).isEqualTo(value);
    }
}
