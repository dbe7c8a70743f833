package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/**
 * Airflow does not know the DAG (it is not deployed, or its file failed to import). Retrying will not
 * help until the DAG exists.
 */
public final class DagNotFoundException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public DagNotFoundException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
