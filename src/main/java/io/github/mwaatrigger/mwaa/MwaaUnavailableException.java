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

    public MwaaUnavailableException(String message) {
        this(message, Reason.FAILING);
    }

    public MwaaUnavailableException(String message, Reason reason) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MwaaUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.FAILING;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
