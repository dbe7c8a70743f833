package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/**
 * The request cannot be sent as it is: an invalid DAG id or run id, conf that is not a JSON object or is
 * too large. Fix the request; retrying will not help. The message is ours and says what to fix (a value
 * Airflow itself refused is an {@link AirflowRefusedArgumentException}).
 */
public final class InvalidDagRunRequestException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public InvalidDagRunRequestException(String message) {
        super(message);
    }

    public InvalidDagRunRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
