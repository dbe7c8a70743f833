package io.github.mwaatrigger.emulator;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.partitioningBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.mwaa.ShellQuoting;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link ShellWords} and {@link ShellQuoting} against Python's {@code shlex}, the code MWAA
 * itself runs, on hand-written and on seeded random input. Python answers every case in one batch
 * before the tests run. Hand-written cases are reported one by one; each random batch is one test
 * whose failure lists every case that disagrees.
 */
class ShellPythonCompatibilityTest {
    private static final long SEED = 0x5EED_5EEDL;

    /** Text pieces that random lines and words are made of: plain, special, quoting and Unicode. */
    private static final List<String> PIECES = List.of(
            "a", "b", "Z", "0", "_", "-", "=", ".", "/", ":", ",", "@", "%", "+",
            " ", "  ", "\t", "\n", "\r", "\r\n",
            "'", "\"", "\\", "''", "\"\"", "'a b'", "\"a b\"", "\"\\\"\"", "\"\\\\\"", "\\ ", "\\'", "\\\"",
            "$", "`", "#", ";", "&", "|", "*", "?", "~", "!", "(", ")", "{", "}", "[", "]", "<", ">",
            "é", "ß", "日本", "😀", "\u00a0", "\u000b", "\u000c", "\u2028", "\u3000", "\u0000");

    private static final List<String> HAND_WRITTEN_LINES = List.of(
            "",
            " \t\r\n",
            "dags trigger my_dag",
            "dags trigger my_dag -c '{\"a\": \"it'\"'\"'s\"}'",
            "dags trigger my_dag -c \"{\\\"a\\\": 1}\"",
            "dags trigger -e 2024-01-01T00:00:00+00:00 my_dag",
            "a'b'\"c\"d\\ e",
            "'' \"\" ''\"\"",
            "'it'\\''s'",
            "'it\\'s'",
            "\"'\" '\"'",
            "\"\\\\\\\"\" \"\\a\\b\\$\\`\"",
            "\"a\\\\\"b\"",
            "a\\\nb \\\t \\\\",
            "'line\r\nbreak' \"tab\there\"",
            "a#b # c",
            "$(rm -rf /) `id` *; && || ~",
            "é ß 日本 😀",
            "a\u00a0b\u000bc\u000cd\u2028e\u3000f\u0085g",
            "'unterminated \"mixed",
            "\"unterminated 'mixed",
            "\"escaped closing quote\\\"",
            "'backslash before end\\'",
            "ends in backslash\\",
            "\"ends in backslash inside double quotes\\",
            "\\");

    private static final List<List<String>> HAND_WRITTEN_WORD_LISTS = List.of(
            List.of(),
            List.of(""),
            List.of("", ""),
            List.of("dags", "trigger", "my_dag", "-c", "{\"a\": \"it's\", \"b\": \"C:\\\\temp\"}"),
            List.of("'", "\"", "\\", "'\\''", "\"\\\"\""),
            List.of(" ", "\t", "\r\n", "\u00a0", "\u0000"),
            List.of("$(rm -rf /)", "`id`", "*", "~", "#", ";", "&&"),
            List.of("é", "日本", "😀", "it's 😀"));

    private static final Random RANDOM = new Random(SEED);
    private static final List<String> RANDOM_LINES = repeat(400, () -> randomText(24));
    private static final List<List<String>> RANDOM_WORD_LISTS =
            repeat(300, () -> repeat(RANDOM.nextInt(6), () -> randomText(8)));

    private static PythonShlex python;

    @BeforeAll
    static void askPythonOnce() throws Exception {
        Set<String> lines = new LinkedHashSet<>(HAND_WRITTEN_LINES);
        lines.addAll(RANDOM_LINES);
        Stream.concat(HAND_WRITTEN_WORD_LISTS.stream(), RANDOM_WORD_LISTS.stream())
                .map(ShellQuoting::join)
                .forEach(lines::add);
        python = PythonShlex.ask(lines, allWords());
    }

    static List<String> handWrittenLines() {
        return HAND_WRITTEN_LINES;
    }

    static List<List<String>> handWrittenWordLists() {
        return HAND_WRITTEN_WORD_LISTS;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("handWrittenLines")
    void splitsHandWrittenLineLikePythonShlex(String line) {
        assertSplitsLikePython(line);
    }

    @Test
    void splitsRandomLinesLikePythonShlex() {
        assertThat(RANDOM_LINES).allSatisfy(ShellPythonCompatibilityTest::assertSplitsLikePython);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("handWrittenWordLists")
    void pythonShlexSplitsJoinedHandWrittenWordsBackIntoThem(List<String> words) {
        assertPythonSplitsJoinedWordsBackIntoThem(words);
    }

    @Test
    void pythonShlexSplitsJoinedRandomWordsBackIntoThem() {
        assertThat(RANDOM_WORD_LISTS).allSatisfy(ShellPythonCompatibilityTest::assertPythonSplitsJoinedWordsBackIntoThem);
    }

    @Test
    void quotesEveryWordExactlyLikePythonShlexQuote() {
        assertThat(allWords()).allSatisfy(word -> assertThat(ShellQuoting.quote(word))
                .as("quote(%s)", javaLiteral(word))
                .isEqualTo(python.quote(word)));
    }

    @Test
    void randomLinesIncludeManyThatSplitAndManyThatFail() {
        Map<Boolean, Long> linesByFailure = RANDOM_LINES.stream()
                .collect(partitioningBy(line -> python.split(line).failed(), counting()));

        assertThat(linesByFailure.get(false)).as("lines that split").isGreaterThan(100L);
        assertThat(linesByFailure.get(true)).as("lines that fail").isGreaterThan(100L);
    }

    private static void assertSplitsLikePython(String line) {
        assertThat(ShlexOutcome.ofShellWords(line))
                .as("split(%s)", javaLiteral(line))
                .isEqualTo(python.split(line));
    }

    private static void assertPythonSplitsJoinedWordsBackIntoThem(List<String> words) {
        String joined = ShellQuoting.join(words);
        assertThat(python.split(joined))
                .as("shlex.split(%s)", javaLiteral(joined))
                .isEqualTo(ShlexOutcome.words(words));
    }

    private static Set<String> allWords() {
        Set<String> words = new LinkedHashSet<>();
        HAND_WRITTEN_WORD_LISTS.forEach(words::addAll);
        RANDOM_WORD_LISTS.forEach(words::addAll);
        return words;
    }

    private static <T> List<T> repeat(int count, Supplier<T> element) {
        return IntStream.range(0, count).mapToObj(i -> element.get()).toList();
    }

    private static String randomText(int maxPieces) {
        StringBuilder text = new StringBuilder();
        for (int pieces = RANDOM.nextInt(maxPieces + 1); pieces > 0; pieces--) {
            text.append(PIECES.get(RANDOM.nextInt(PIECES.size())));
        }
        return text.toString();
    }

    /** Shows {@code text} as a Java string literal, so that it stays on one printable line. */
    private static String javaLiteral(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char character : text.toCharArray()) {
            if (character == '"' || character == '\\') {
                literal.append('\\').append(character);
            } else if (character >= ' ' && character <= '~') {
                literal.append(character);
            } else {
                literal.append(String.format("\\u%04x", (int) character));
            }
        }
        return literal.append('"').toString();
    }
}
