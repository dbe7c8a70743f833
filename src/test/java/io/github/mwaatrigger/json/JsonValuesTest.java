package io.github.mwaatrigger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValuesTest {

    @Test
    void objectKeepsAnUnmodifiableCopyInInsertionOrder() {
        Map<String, JsonValue> source = new LinkedHashMap<>();
        source.put("z", JsonNull.INSTANCE);
        source.put("a", JsonBoolean.TRUE);

        JsonObject object = new JsonObject(source);
        source.put("late", JsonBoolean.FALSE);

        assertThat(object.members().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> object.members().put("x", JsonNull.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void objectRejectsNullNamesAndValues() {
        Map<String, JsonValue> nullName = new HashMap<>();
        nullName.put(null, JsonNull.INSTANCE);
        Map<String, JsonValue> nullValue = new HashMap<>();
        nullValue.put("a", null);

        assertThatThrownBy(() -> new JsonObject(nullName)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new JsonObject(nullValue)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void objectLooksUpMembers() {
        JsonObject object = JsonObject.builder().put("name", "etl").put("runs", 3).build();

        assertThat(object.get("runs")).contains(JsonNumber.of(3));
        assertThat(object.get("missing")).isEmpty();
        assertThat(object.string("name")).contains("etl");
        assertThat(object.string("runs")).as("not a string").isEmpty();
        assertThat(object.string("missing")).isEmpty();
        assertThat(object.members()).hasSize(2);
        assertThat(object.isEmpty()).isFalse();
        assertThat(JsonObject.empty().isEmpty()).isTrue();
    }

    @Test
    void builderTurnsJavaValuesIntoJsonValues() {
        JsonObject object = JsonObject.builder()
                .put("value", new JsonArray(List.of()))
                .put("string", "s")
                .put("long", Long.MIN_VALUE)
                .put("boolean", true)
                .putNull("null")
                .build();

        assertThat(object.members()).containsExactly(
                Map.entry("value", new JsonArray(List.of())),
                Map.entry("string", new JsonString("s")),
                Map.entry("long", new JsonNumber("-9223372036854775808")),
                Map.entry("boolean", JsonBoolean.TRUE),
                Map.entry("null", JsonNull.INSTANCE));
    }

    @Test
    void builderRejectsADuplicateName() {
        JsonObject.Builder builder = JsonObject.builder().put("a", 1);

        assertThatThrownBy(() -> builder.put("a", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate member name \"a\"");
    }

    @Test
    void objectsWithTheSameMembersInAnotherOrderAreEqual() {
        JsonObject ab = JsonObject.builder().put("a", 1).put("b", 2).build();
        JsonObject ba = JsonObject.builder().put("b", 2).put("a", 1).build();

        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    }

    @Test
    void arrayKeepsAnUnmodifiableCopy() {
        List<JsonValue> source = new ArrayList<>(List.of(JsonBoolean.TRUE));

        JsonArray array = new JsonArray(source);
        source.add(JsonBoolean.FALSE);

        assertThat(array.elements()).containsExactly(JsonBoolean.TRUE);
        assertThatThrownBy(() -> array.elements().add(JsonNull.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void arrayRejectsNullElements() {
        assertThatThrownBy(() -> new JsonArray(Arrays.asList(JsonNull.INSTANCE, null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void stringRejectsNull() {
        assertThatThrownBy(() -> new JsonString(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void booleanOfReturnsTheConstants() {
        assertThat(JsonBoolean.of(true)).isSameAs(JsonBoolean.TRUE);
        assertThat(JsonBoolean.of(false)).isSameAs(JsonBoolean.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-12", "0.5", "1.50", "1e400", "1E-7", "2e+3", "12345678901234567890",
        "1e2147483648"})
    void numberAcceptsJsonNumberSyntax(String text) {
        assertThat(new JsonNumber(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "-01", "1.", ".5", "+1", "1e", "1e+", " 1", "1 ", "NaN", "Infinity", "0x10",
        "1_000", "1\n", "\u0661"})
    void numberRejectsAnythingElse(String text) {
        assertThatThrownBy(() -> new JsonNumber(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a JSON number: " + JsonWriter.compact().write(new JsonString(text)));
    }

    @Test
    void numberOfLongWritesTheDecimalForm() {
        assertThat(JsonNumber.of(Long.MAX_VALUE).text()).isEqualTo("9223372036854775807");
    }
}
