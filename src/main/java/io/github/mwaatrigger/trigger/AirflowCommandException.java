package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/** Airflow reported an error that is not one of the known refusals (for example a database error on the web server). The command may succeed when tried again. */
public final class AirflowCommandException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public AirflowCommandException(String message) {
        super(message);
    }

    public AirflowCommandException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
