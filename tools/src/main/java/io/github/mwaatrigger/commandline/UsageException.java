package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.emulator.PortInUseException;

/** The command line is wrong; the message says what to type instead. */
class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean showsUsage;

    UsageException(String message) {
        this(message, true);
    }

    /**
     * @param showsUsage whether the subcommand's usage line should follow the message; not when the message
     *                   alone says what to change (a port already in use)
     */
    UsageException(String message, boolean showsUsage) {
        super(message);
        this.showsUsage = showsUsage;
    }

    boolean showsUsage() {
        return showsUsage;
    }

    /** The one line for a port something else already listens on, naming the option that chose it. */
    static UsageException portInUse(PortInUseException e, String option) {
        return new UsageException("port " + e.port() + " on " + e.host() + " is already in use: stop what listens "
                + "there, or choose another port with " + option + " (0 picks a free one)", false);
    }
}
