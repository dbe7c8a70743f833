package io.github.mwaatrigger.emulator;

/**
 * Signals a command line that Python's {@code shlex.split} rejects. The message is the one of the
 * {@code ValueError} that {@code shlex.split} raises for the same line.
 */
public final class ShellSyntaxException extends RuntimeException {
    ShellSyntaxException(String message) {
        super(message);
    }
}
