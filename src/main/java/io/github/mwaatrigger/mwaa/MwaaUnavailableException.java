package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.TriggerFailure;

/**
 * MWAA was busy or failing (throttled, 5xx, dropped connections, time-outs, answers that could not be
 * read) until the deadline ran out. Trying again later can succeed.
 */
public final class MwaaUnavailableException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public MwaaUnavailableException(String message) {
        super(message);
    }

    public MwaaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
