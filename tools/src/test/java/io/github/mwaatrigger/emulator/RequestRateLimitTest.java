package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The emulator's request rate limit, on a clock the test moves. */
class RequestRateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));

    @Test
    void allowsABurstOfTheRate_thenRefuses() {
        RequestRateLimit limit = new RequestRateLimit(3, clock);

        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }

    @Test
    void refillsAtTheRate() {
        RequestRateLimit limit = new RequestRateLimit(4, clock);
        for (int i = 0; i < 4; i++) {
            limit.tryAcquire();
        }

        clock.advance(Duration.ofMillis(249));
        boolean beforeAQuarterSecond = limit.tryAcquire();
        clock.advance(Duration.ofMillis(1));
        boolean atAQuarterSecond = limit.tryAcquire();
        boolean rightAfter = limit.tryAcquire();

        assertThat(beforeAQuarterSecond).isFalse();
        assertThat(atAQuarterSecond).isTrue();
        assertThat(rightAfter).isFalse();
    }

    @Test
    void neverHoldsMoreThanOneSecondsWorth() {
        RequestRateLimit limit = new RequestRateLimit(2, clock);

        clock.advance(Duration.ofMinutes(5));

        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }

    @Test
    void refusesARateBelowOne() {
        assertThatThrownBy(() -> new RequestRateLimit(0, clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
