package io.github.mwaatrigger.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the emulator's clock: at most {@code perSecond} requests in a burst, refilled at
 * {@code perSecond} a second. Time is the injected clock's, so a test on a clock it moves gets exact answers.
 * Thread-safe.
 */
final class RequestRateLimit {

    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final int perSecond;
    private final Clock clock;
    /** Tokens, in billionths of a request. */
    private long available;
    private Instant refilledAt;

    RequestRateLimit(int perSecond, Clock clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 request per second");
        }
        this.perSecond = perSecond;
        this.clock = clock;
        this.available = perSecond * NANOS_PER_SECOND;
        this.refilledAt = clock.instant();
    }

    /** Takes one request's token if there is one; false means the request is over the limit. */
    synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            long elapsed = Duration.between(refilledAt, now).toNanos();
            long capacity = perSecond * NANOS_PER_SECOND;
            long refill = elapsed >= NANOS_PER_SECOND ? capacity : elapsed * perSecond;
            available = Math.min(capacity, available + refill);
            refilledAt = now;
        }
        if (available < NANOS_PER_SECOND) {
            return false;
        }
        available -= NANOS_PER_SECOND;
        return true;
    }
}
