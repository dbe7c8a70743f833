package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/**
 * Airflow failed to run the command: with a traceback that is not one of the known refusals (a database
 * error on the web server, say; retryable), or because its command line did not accept a command built
 * for another Airflow version (permanent until the configuration is fixed).
 */
public final class AirflowCommandException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    AirflowCommandException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
