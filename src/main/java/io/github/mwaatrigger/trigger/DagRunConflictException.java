package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/** Another run of the DAG already holds the requested logical date. Retrying will not help. */
public final class DagRunConflictException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public DagRunConflictException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
