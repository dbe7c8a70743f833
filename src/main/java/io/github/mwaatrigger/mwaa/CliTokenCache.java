package io.github.mwaatrigger.mwaa;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps the current CLI token while it is comfortably inside its 60 s life, so that a warm function makes
 * one {@code CreateCliToken} call per token lifetime rather than one per trigger.
 *
 * <p>A token is reused for {@link #REUSE_WINDOW} after it was requested, leaving a quarter of its
 * life as margin for clock drift and for a command that is sent just before the end of the window.
 * Concurrent callers share one fetch. Nothing is fetched until the first call.
 */
public final class CliTokenCache {

    /** How long a token is reused: 45 s of its 60 s life. */
    public static final Duration REUSE_WINDOW = Duration.ofSeconds(45);

    private final MwaaControlPlane controlPlane;
    private final Clock clock;
    private CliToken current;

    public CliTokenCache(MwaaControlPlane controlPlane, Clock clock) {
        this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token that is still fresh, fetching a new one if needed. */
    public synchronized CliToken token(Deadline deadline) {
        if (current == null || !isFresh(current)) {
            current = controlPlane.createCliToken(deadline);
        }
        return current;
    }

    /**
     * Forgets {@code rejected} after the web server refused it, so the next {@link #token} fetches a new
     * one. A newer token that another thread already fetched is kept.
     */
    public synchronized void invalidate(CliToken rejected) {
        if (current == rejected) {
            current = null;
        }
    }

    private boolean isFresh(CliToken token) {
        return clock.instant().isBefore(token.requestedAt().plus(REUSE_WINDOW));
    }
}
