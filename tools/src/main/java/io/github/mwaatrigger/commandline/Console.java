package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.config.Environment;
import java.io.PrintStream;
import java.util.Objects;

/** Where a subcommand writes and what environment it reads. */
record Console(PrintStream out, PrintStream err, Environment environment) {

    Console {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(environment, "environment");
    }

    /** Reports a failure on stderr, prefixed with the tool's name. */
    void fail(String message) {
        err.println("mwaa-trigger: " + message);
    }
}
