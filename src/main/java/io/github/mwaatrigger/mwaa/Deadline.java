package io.github.mwaatrigger.mwaa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The moment by which a call must have finished, with the clock that tells the time. Every network call
 * in this project runs under one; for a Lambda function it is the invocation's remaining time minus a
 * margin, so that the function can still report a clean failure before Lambda stops it.
 */
public record Deadline(Instant expiresAt, Clock clock) {

    public Deadline {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(clock, "clock");
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    /** A deadline {@code budget} from now on the system clock. */
    public static Deadline after(Duration budget) {
        return after(budget, Clock.systemUTC());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether {@code needed} still fits before the deadline. */
    public boolean allows(Duration needed) {
        return remaining().compareTo(needed) >= 0;
    }

    /** This deadline, or an earlier one {@code budget} from now if that comes first. */
    public Deadline atMost(Duration budget) {
        Instant candidate = clock.instant().plus(budget);
        return candidate.isBefore(expiresAt) ? new Deadline(candidate, clock) : this;
    }
}
