package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.TriggerFailure;
import java.util.Objects;

/**
 * MWAA was busy or failing (throttled, 5xx, dropped connections, time-outs, answers that could not be
 * read) until the deadline ran out. Trying again later can succeed.
 */
public final class MwaaUnavailableException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    /** What MWAA did last, so that callers can tell "busy" from "failing" from "too slow". */
    public enum Reason {
        /** It refused for now: 429 or 503 (the web server's concurrent-command cap). */
        BUSY,
        /** It did not answer in time. */
        TIMED_OUT,
        /** It failed: 5xx, dropped connections, unreadable answers, unreachable. */
        FAILING
    }

    private final Reason reason;
    private final int attempts;

    public MwaaUnavailableException(String message) {
        this(message, Reason.FAILING);
    }

    public MwaaUnavailableException(String message, Reason reason) {
        this(message, reason, 0);
    }

    /** MWAA was unavailable after the call sent its command {@code attempts} times. */
    public MwaaUnavailableException(String message, Reason reason, int attempts) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.attempts = attempts;
    }

    public MwaaUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.FAILING;
        this.attempts = 0;
    }

    public Reason reason() {
        return reason;
    }

    /** How many attempts the call made before giving up; 0 when it sent nothing, or did not count. */
    public int attempts() {
        return attempts;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
