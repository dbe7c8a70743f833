package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/**
 * A DAG has more runs than the Airflow CLI can list in one answer (MWAA's answer passed the client's
 * limit), so the runs asked for could not be read through the CLI. The message says what to do: narrow
 * the list to fewer runs, clean up old runs, or set {@code MWAA_TRANSPORT=rest} (the template's
 * {@code Transport=rest}): the REST transport pages on Airflow's side.
 * Retrying will not help.
 */
public final class TooManyRunsException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public TooManyRunsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
