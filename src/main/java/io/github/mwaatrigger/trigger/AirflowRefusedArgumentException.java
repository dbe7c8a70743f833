package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;

/**
 * Airflow refused a value we sent, after our own checks passed: typically a run id outside the
 * environment's {@code allowed_run_id_pattern}, which may be stricter than Airflow's default. Retrying
 * will not help. The message quotes Airflow's error line, for operators; it is not for callers outside.
 */
public final class AirflowRefusedArgumentException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    AirflowRefusedArgumentException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
