package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.mwaatrigger.emulator.ShellWords;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellQuotingTest {

    static Stream<Arguments> wordsAndQuotedForms() {
        return Stream.of(
                arguments("my_dag", "my_dag"),
                arguments("A-Za-z0-9_@%+=:,./-", "A-Za-z0-9_@%+=:,./-"),
                arguments("--conf", "--conf"),
                arguments("2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00+00:00"),
                arguments("", "''"),
                arguments("two words", "'two words'"),
                arguments("it's", "'it'\"'\"'s'"),
                arguments("'", "''\"'\"''"),
                arguments("say \"hi\"", "'say \"hi\"'"),
                arguments("back\\slash", "'back\\slash'"),
                arguments("line\nbreak", "'line\nbreak'"),
                arguments("$(rm -rf /)", "'$(rm -rf /)'"),
                arguments("*", "'*'"),
                arguments("~", "'~'"),
                arguments("#", "'#'"),
                arguments("é", "'é'"),
                arguments("{\"a\": \"it's\"}", "'{\"a\": \"it'\"'\"'s\"}'"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("wordsAndQuotedForms")
    void quotesOnlyWordsWithUnsafeCharacters(String word, String expectedQuoted) {
        assertThat(ShellQuoting.quote(word)).isEqualTo(expectedQuoted);
    }

    static Stream<String> trickyWords() {
        return Stream.of(
                "",
                " ",
                "two words",
                "  leading and trailing  ",
                "'",
                "''",
                "it's",
                "\"",
                "say \"hi\"",
                "\\",
                "back\\slash\\",
                "\\'",
                "'\\''",
                "line\nbreak",
                "carriage\r\nreturn",
                "tab\there",
                "$(rm -rf /)",
                "`id`",
                "$HOME",
                "*",
                "~",
                "#",
                "# comment",
                ";",
                "&&",
                "a | b > c",
                "é ß 日本",
                "😀",
                "no\u00a0break",
                "{\"a\": \"it's\"}",
                "{\"path\": \"C:\\\\temp\", \"q\": \"\\\"\"}",
                "-c",
                "--conf={\"a\": 1}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("trickyWords")
    void quotedWordSplitsBackToItself(String word) {
        assertThat(ShellWords.split(ShellQuoting.quote(word))).containsExactly(word);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("trickyWords")
    void quotingAddsNoBackslashes(String word) {
        assertThat(backslashes(ShellQuoting.quote(word))).isEqualTo(backslashes(word));
    }

    @Test
    void joinedTrickyWordsSplitBackToTheSameWords() {
        List<String> words = trickyWords().toList();

        assertThat(ShellWords.split(ShellQuoting.join(words))).isEqualTo(words);
    }

    @Test
    void joinsAnAirflowCommandWithSingleSpaces() {
        List<String> command = List.of("dags", "trigger", "my_dag", "-c", "{\"a\": 1}");

        assertThat(ShellQuoting.join(command)).isEqualTo("dags trigger my_dag -c '{\"a\": 1}'");
    }

    @Test
    void joinsNoWordsToAnEmptyLine() {
        assertThat(ShellQuoting.join(List.of())).isEmpty();
    }

    private static long backslashes(String text) {
        return text.chars().filter(character -> character == '\\').count();
    }
}
