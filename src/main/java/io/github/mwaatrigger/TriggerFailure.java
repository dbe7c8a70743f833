package io.github.mwaatrigger;

/**
 * Why a DAG run could not be triggered or read. Every failure says whether trying again later can help:
 * a retryable failure (MWAA busy or failing) should make a Lambda invocation fail so that it is retried
 * or parked in its failure destination; a permanent one (unknown DAG, invalid input, a deployment that
 * cannot reach its environment) will fail the same way every time.
 *
 * <p>Messages are written for the person who has to act on them and never contain a CLI token.
 */
public abstract class TriggerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected TriggerFailure(String message) {
        super(message);
    }

    protected TriggerFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same request may succeed when tried again later. */
    public abstract boolean isRetryable();
}
