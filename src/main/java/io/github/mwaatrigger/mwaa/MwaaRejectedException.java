package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.TriggerFailure;

/**
 * The MWAA web server refused the request itself with a client error (a 4xx other than 401, 403 and 429),
 * for example a command that MWAA does not allow, or redirected it where the CLI token is not sent.
 * Sending it again will not help.
 */
public final class MwaaRejectedException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public MwaaRejectedException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
