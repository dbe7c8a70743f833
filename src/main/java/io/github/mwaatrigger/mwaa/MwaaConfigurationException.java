package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.TriggerFailure;

/**
 * The deployment cannot use its MWAA environment: the environment does not exist in this region, or the
 * caller may not call {@code CreateCliToken} on it, or no AWS credentials are available. Retrying does
 * not help; the configuration or IAM policy has to change.
 */
public final class MwaaConfigurationException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    public MwaaConfigurationException(String message) {
        super(message);
    }

    public MwaaConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
