package io.github.mwaatrigger.mwaa;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (counting from 0) wait a random time
 * between zero and {@code min(cap, base * 2^n)}. Full jitter spreads the retries of many concurrent
 * callers, which matters for MWAA, whose web server runs only a few CLI commands at once. Retries after
 * "busy" (429, 503) stop growing at {@link #BUSY_CAP}: a slot frees up as soon as any running command
 * ends, so long waits would leave MWAA idle while callers sleep.
 *
 * @param base   the ceiling of the first delay
 * @param cap    the largest ceiling
 * @param random where the jitter comes from
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + " and cap " + cap);
        }
    }

    /** The largest ceiling of a wait after a "busy" answer. */
    public static final Duration BUSY_CAP = Duration.ofSeconds(1);

    /**
     * 250 ms doubling up to 8 s, with jitter from a {@link SecureRandom}: thread-safe, and fresh in every
     * execution environment restored from one SnapStart snapshot (a seeded generator made before the
     * snapshot would make every restored environment retry at the same moments).
     */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), new SecureRandom());
    }

    /** The wait before retry number {@code retry} (0 for the first retry). */
    public Duration delayBefore(int retry) {
        return jittered(retry, cap);
    }

    /** The wait before retry number {@code retry} after a "busy" answer. */
    public Duration delayBeforeBusy(int retry) {
        return jittered(retry, cap.compareTo(BUSY_CAP) < 0 ? cap : BUSY_CAP);
    }

    private Duration jittered(int retry, Duration ceilingCap) {
        long ceiling = base.toMillis() << Math.min(Math.max(retry, 0), 30);
        long bounded = Math.min(ceilingCap.toMillis(), ceiling);
        return Duration.ofMillis(random.nextLong(bounded + 1));
    }
}
