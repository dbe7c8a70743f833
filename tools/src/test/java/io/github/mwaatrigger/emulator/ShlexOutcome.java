package io.github.mwaatrigger.emulator;

import java.util.List;

/**
 * What splitting one line gave: its words, or the message of the error raised instead.
 *
 * @param words the words, or {@code null} after an error
 * @param error the error message, or {@code null} after a successful split
 */
record ShlexOutcome(List<String> words, String error) {

    static ShlexOutcome words(List<String> words) {
        return new ShlexOutcome(List.copyOf(words), null);
    }

    static ShlexOutcome error(String message) {
        return new ShlexOutcome(null, message);
    }

    /** Splits {@code line} with {@link ShellWords}, the implementation under test. */
    static ShlexOutcome ofShellWords(String line) {
        try {
            return words(ShellWords.split(line));
        } catch (ShellSyntaxException e) {
            return error(e.getMessage());
        }
    }

    boolean failed() {
        return error != null;
    }
}
