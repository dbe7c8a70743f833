package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellWordsTest {

    static Stream<Arguments> linesAndWords() {
        return Stream.of(
                arguments("", List.of()),
                arguments(" \t\r\n", List.of()),
                arguments("dags trigger my_dag", List.of("dags", "trigger", "my_dag")),
                arguments(" \t a \r\n b \n", List.of("a", "b")),
                arguments("a'b'\"c\"", List.of("abc")),
                arguments("''", List.of("")),
                arguments("\"\"", List.of("")),
                arguments("a '' b", List.of("a", "", "b")),
                arguments("'' \"\"", List.of("", "")),
                arguments("'a  b'", List.of("a  b")),
                arguments("\"a \t b\"", List.of("a \t b")),
                arguments("'it'\"'\"'s'", List.of("it's")),
                arguments("'it'\\''s'", List.of("it's")),
                arguments("a\\ b", List.of("a b")),
                arguments("\\a", List.of("a")),
                arguments("\\\\", List.of("\\")),
                arguments("\\'", List.of("'")),
                arguments("a\\\nb", List.of("a\nb")),
                arguments("'\\n'", List.of("\\n")),
                arguments("'a\\'", List.of("a\\")),
                arguments("\"\\\"\"", List.of("\"")),
                arguments("\"\\\\\"", List.of("\\")),
                arguments("\"\\a\"", List.of("\\a")),
                arguments("\"\\$HOME\"", List.of("\\$HOME")),
                arguments("\"a\\'b\"", List.of("a\\'b")),
                arguments("\"it's\"", List.of("it's")),
                arguments("'say \"hi\"'", List.of("say \"hi\"")),
                arguments("'line\r\nbreak'", List.of("line\r\nbreak")),
                arguments("a#b # c", List.of("a#b", "#", "c")),
                arguments("$(rm -rf /) `id` *; &&", List.of("$(rm", "-rf", "/)", "`id`", "*;", "&&")),
                arguments("é ß 日本 😀", List.of("é", "ß", "日本", "😀")),
                arguments("a\u00a0b a\u000bb a\u000cb", List.of("a\u00a0b", "a\u000bb", "a\u000cb")),
                arguments(
                        "dags trigger my_dag -c '{\"a\": 1}'",
                        List.of("dags", "trigger", "my_dag", "-c", "{\"a\": 1}")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("linesAndWords")
    void splitsLikePythonShlex(String line, List<String> expectedWords) {
        assertThat(ShellWords.split(line)).containsExactlyElementsOf(expectedWords);
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                arguments("'", "No closing quotation"),
                arguments("\"", "No closing quotation"),
                arguments("dags trigger 'my_dag", "No closing quotation"),
                arguments("\"abc", "No closing quotation"),
                arguments("\"a'", "No closing quotation"),
                arguments("'a\"", "No closing quotation"),
                arguments("'a\\", "No closing quotation"),
                arguments("\"\\\"", "No closing quotation"),
                arguments("\\", "No escaped character"),
                arguments("a\\", "No escaped character"),
                arguments("''\\", "No escaped character"),
                arguments("\"a\\", "No escaped character"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedLines")
    void rejectsLinesThatPythonShlexRejects(String line, String expectedMessage) {
        assertThatThrownBy(() -> ShellWords.split(line))
                .isInstanceOf(ShellSyntaxException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void returnsAnUnmodifiableList() {
        List<String> words = ShellWords.split("a b");

        assertThatThrownBy(() -> words.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
