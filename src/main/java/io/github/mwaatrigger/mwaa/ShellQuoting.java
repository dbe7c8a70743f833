package io.github.mwaatrigger.mwaa;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quotes words for the body of an MWAA CLI request.
 *
 * <p>MWAA splits that body with Python's {@code shlex.split} (POSIX mode, no comments) rather than
 * running a shell, so a word survives the trip exactly when {@code shlex.split} gives it back
 * unchanged. The quoting here is the one of Python's {@code shlex.quote}, character for character:
 * <ul>
 *   <li>a non-empty word made only of {@code [A-Za-z0-9_@%+=:,./-]} is left bare;</li>
 *   <li>any other word, including the empty one, is wrapped in single quotes, and each single quote
 *       inside it is written {@code '"'"'} (close the quote, a double-quoted {@code '}, reopen).</li>
 * </ul>
 * The bare set is deliberately no wider than {@code shlex.quote}'s, although {@code shlex.split}
 * alone would accept more: the output then also means the same thing to a real POSIX shell, so a
 * logged command can be pasted into a terminal. The {@code '"'"'} form is chosen over
 * {@code '\''} because it uses no backslash at all: the MWAA documentation warns that escaped
 * quotes break its CLI endpoint, and a backslash-free body is also untouched by any layer that
 * treats backslashes specially. Matching {@code shlex.quote} exactly also lets the tests use Python
 * as the reference.
 *
 * <p>Quoting only protects a word from splitting; it cannot stop Airflow's argument parser from
 * reading a word that starts with {@code -} as an option.
 */
public final class ShellQuoting {
    private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    /**
     * Quotes one word so that {@code shlex.split} returns it unchanged.
     *
     * @param word any text, possibly empty
     * @return the word itself when it only has safe characters, else the word in single quotes
     */
    public static String quote(String word) {
        Objects.requireNonNull(word, "word");
        if (BARE_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /**
     * Quotes each word and joins them with single spaces, like Python's {@code shlex.join}.
     *
     * @param words the words of a command line, in order
     * @return a line that {@code shlex.split} turns back into {@code words}
     */
    public static String join(List<String> words) {
        return words.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
