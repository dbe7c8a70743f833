package io.github.mwaatrigger.commandline;

import java.util.List;

/** One of the tool's subcommands. */
interface Subcommand {

    /** The usage line, e.g. {@code trigger DAG_ID [--conf JSON] [--run-id ID]}. */
    String usage();

    /** What it does, in one sentence, for {@code --help}. */
    String summary();

    /** Runs with {@code args} (after the subcommand's name) and returns the exit code. */
    int run(List<String> args, Console console) throws UsageException;
}
