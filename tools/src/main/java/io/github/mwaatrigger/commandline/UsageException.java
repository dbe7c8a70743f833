package io.github.mwaatrigger.commandline;

/** The command line is wrong; the message says what to type instead. */
class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
