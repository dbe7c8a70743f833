package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(250);
    private static final Duration CAP = Duration.ofSeconds(8);

    @Test
    void delayCeiling_doublesFromTheBaseUntilTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, PinnedRandom.HIGHEST);

        List<Long> delays = IntStream.range(0, 8).mapToObj(backoff::delayBefore).map(Duration::toMillis).toList();

        assertThat(delays).containsExactly(250L, 500L, 1_000L, 2_000L, 4_000L, 8_000L, 8_000L, 8_000L);
    }

    @Test
    void delayCeiling_staysAtTheCapHoweverManyRetriesCame() {
        Backoff backoff = new Backoff(BASE, CAP, PinnedRandom.HIGHEST);

        assertThat(backoff.delayBefore(1_000)).isEqualTo(CAP);
    }

    @Test
    void fullJitter_canDrawAWaitOfZero() {
        Backoff backoff = new Backoff(BASE, CAP, PinnedRandom.LOWEST);

        assertThat(backoff.delayBefore(5)).isZero();
        assertThat(backoff.delayBeforeBusy(5)).isZero();
    }

    @Test
    void fullJitter_spreadsDrawsOverTheWholeRangeUpToTheCeiling() {
        Backoff backoff = new Backoff(BASE, CAP, new SplittableRandom(42));

        List<Long> delays = IntStream.range(0, 1_000).mapToObj(i -> backoff.delayBefore(2).toMillis()).toList();

        assertThat(delays).allSatisfy(delay -> assertThat(delay).isBetween(0L, 1_000L));
        assertThat(delays).anySatisfy(delay -> assertThat(delay).isLessThan(100L));
        assertThat(delays).anySatisfy(delay -> assertThat(delay).isGreaterThan(900L));
    }

    @Test
    void delayAfterBusy_stopsGrowingAtOneSecond() {
        Backoff backoff = new Backoff(BASE, CAP, PinnedRandom.HIGHEST);

        List<Long> delays = IntStream.range(0, 5).mapToObj(backoff::delayBeforeBusy).map(Duration::toMillis).toList();

        assertThat(delays).containsExactly(250L, 500L, 1_000L, 1_000L, 1_000L);
        assertThat(Backoff.BUSY_CAP).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delayAfterBusy_keepsACapBelowOneSecond() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), PinnedRandom.HIGHEST);

        assertThat(backoff.delayBeforeBusy(4)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void standard_startsAt250MillisecondsAndDoublesUpTo8Seconds() {
        Backoff standard = Backoff.standard();

        assertThat(standard.base()).isEqualTo(BASE);
        assertThat(standard.cap()).isEqualTo(CAP);
    }

    @Test
    void baseOfZero_isRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, CAP, PinnedRandom.HIGHEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 0 < base <= cap");
    }

    @Test
    void capBelowTheBase_isRefused() {
        assertThatThrownBy(() -> new Backoff(CAP, BASE, PinnedRandom.HIGHEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 0 < base <= cap");
    }
}
