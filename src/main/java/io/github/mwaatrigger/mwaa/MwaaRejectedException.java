package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.TriggerFailure;

/**
 * The MWAA web server refused the request itself with a client error (a 4xx other than 401, 403 and 429),
 * for example a command that MWAA does not allow, or redirected it where the CLI token is not sent.
 * Sending it again will not help.
 */
public final class MwaaRejectedException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    private final int status;

    public MwaaRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the web server answered with. */
    public int status() {
        return status;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
