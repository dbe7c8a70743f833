package io.github.mwaatrigger.commandline;

/**
 * The command line asks for a subcommand's usage ({@code --help} or {@code -h} where an option may stand),
 * which is printed instead of running the subcommand.
 */
final class HelpRequested extends UsageException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
        super("help requested");
    }
}
