package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    @Test
    void remaining_shrinksAsTheClockMoves() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);

        clock.advance(Duration.ofSeconds(3));

        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void remaining_isZeroOnceTheDeadlineHasPassed() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), clock);

        clock.advance(Duration.ofSeconds(5));

        assertThat(deadline.remaining()).isZero();
    }

    @Test
    void allows_whatFitsExactlyInTheTimeLeftButNoMore() {
        Deadline deadline = Deadline.after(Duration.ofMillis(500), clock);

        assertThat(deadline.allows(Duration.ofMillis(500))).isTrue();
        assertThat(deadline.allows(Duration.ofMillis(501))).isFalse();
    }

    @Test
    void atMost_aShorterBudgetGivesAnEarlierDeadline() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(5), clock);

        Deadline attempt = deadline.atMost(Duration.ofSeconds(30));

        assertThat(attempt.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void atMost_aLongerBudgetKeepsTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);

        Deadline attempt = deadline.atMost(Duration.ofSeconds(30));

        assertThat(attempt.expiresAt()).isEqualTo(deadline.expiresAt());
    }
}
