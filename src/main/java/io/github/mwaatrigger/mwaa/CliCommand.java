package io.github.mwaatrigger.mwaa;

import java.util.List;
import java.util.Objects;

/**
 * An Airflow CLI command as a list of words (without the leading {@code airflow}). The command line sent
 * to MWAA quotes each word so that MWAA's shell-like splitting gives back exactly these words.
 */
public record CliCommand(List<String> words) {

    public CliCommand {
        words = List.copyOf(Objects.requireNonNull(words, "words"));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one word");
        }
    }

    public static CliCommand of(String... words) {
        return new CliCommand(List.of(words));
    }

    /** The body to POST to {@code /aws_mwaa/cli}. */
    public String commandLine() {
        return ShellQuoting.join(words);
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
