package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.TriggerFailure;

/**
 * The MWAA web server ran the command, but its answer was larger than this client reads. Sending the
 * command again would bring an answer as large, so it is not sent again.
 */
public final class CliAnswerTooLargeException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public CliAnswerTooLargeException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
