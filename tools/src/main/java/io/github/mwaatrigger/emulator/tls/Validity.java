package io.github.mwaatrigger.emulator.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The period in which a certificate is valid; encoded to the second. */
record Validity(Instant notBefore, Instant notAfter) {
    /** How far a new certificate is backdated, so clients whose clocks run slightly behind accept it. */
    private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("notBefore must be before notAfter");
        }
    }

    /** A validity that starts {@link #CLOCK_SKEW_ALLOWANCE} before {@code now} and ends {@code lifetime} after it. */
    static Validity backdated(Instant now, Duration lifetime) {
        return new Validity(now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(lifetime));
    }

    /** The DER {@code Validity}. */
    byte[] encoded() {
        return Der.sequence(Der.time(notBefore), Der.time(notAfter));
    }
}
