package io.github.mwaatrigger.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a command line into words the way MWAA's CLI endpoint does, which is Python's
 * {@code shlex.split(line)}: POSIX mode, no comments, words separated by whitespace only.
 *
 * <p>The rules, all taken from CPython's {@code shlex}:
 * <ul>
 *   <li>whitespace is space, tab, carriage return and line feed; any other character, including
 *       other Unicode spaces, is part of a word;</li>
 *   <li>outside quotes a backslash takes the next character literally, whatever it is;</li>
 *   <li>inside single quotes every character is literal;</li>
 *   <li>inside double quotes a backslash only escapes {@code "} and {@code \}, and otherwise stays
 *       in the word together with the character after it;</li>
 *   <li>quoted and unquoted parts next to each other form one word, and a word made only of empty
 *       quotes, such as {@code ''}, is an empty word.</li>
 * </ul>
 */
public final class ShellWords {
    private static final String WHITESPACE = " \t\r\n";

    private final String line;
    private int position;

    private ShellWords(String line) {
        this.line = line;
    }

    /**
     * Splits a command line into words.
     *
     * @param line the command line
     * @return the words, in order; empty when the line is blank
     * @throws ShellSyntaxException with message {@code No closing quotation} when a quote is not
     *     closed, or {@code No escaped character} when the line ends in an unescaped backslash
     */
    public static List<String> split(String line) {
        return new ShellWords(Objects.requireNonNull(line, "line")).words();
    }

    private List<String> words() {
        List<String> words = new ArrayList<>();
        skipWhitespace();
        while (!atEnd()) {
            words.add(word());
            skipWhitespace();
        }
        return List.copyOf(words);
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        while (!atEnd() && !isWhitespace(line.charAt(position))) {
            char next = line.charAt(position++);
            switch (next) {
                case '\'' -> readSingleQuoted(word);
                case '"' -> readDoubleQuoted(word);
                case '\\' -> word.append(escapedCharacter());
                default -> word.append(next);
            }
        }
        return word.toString();
    }

    private void readSingleQuoted(StringBuilder word) {
        int closingQuote = line.indexOf('\'', position);
        if (closingQuote < 0) {
            throw new ShellSyntaxException("No closing quotation");
        }
        word.append(line, position, closingQuote);
        position = closingQuote + 1;
    }

    private void readDoubleQuoted(StringBuilder word) {
        while (!atEnd()) {
            char next = line.charAt(position++);
            if (next == '"') {
                return;
            }
            if (next == '\\') {
                char escaped = escapedCharacter();
                if (escaped != '"' && escaped != '\\') {
                    word.append('\\');
                }
                word.append(escaped);
            } else {
                word.append(next);
            }
        }
        throw new ShellSyntaxException("No closing quotation");
    }

    private char escapedCharacter() {
        if (atEnd()) {
            throw new ShellSyntaxException("No escaped character");
        }
        return line.charAt(position++);
    }

    private void skipWhitespace() {
        while (!atEnd() && isWhitespace(line.charAt(position))) {
            position++;
        }
    }

    private boolean atEnd() {
        return position == line.length();
    }

    private static boolean isWhitespace(char character) {
        return WHITESPACE.indexOf(character) >= 0;
    }
}
