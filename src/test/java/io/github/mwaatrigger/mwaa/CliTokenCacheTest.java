package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CliTokenCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final FakeControlPlane controlPlane = new FakeControlPlane(clock);
    private final CliTokenCache cache = new CliTokenCache(controlPlane, clock);

    @Test
    void creatingTheCache_fetchesNothing() {
        new CliTokenCache(controlPlane, clock);

        assertThat(controlPlane.cliTokenCalls()).isZero();
    }

    @Test
    void token_isReusedFor45SecondsAfterItWasRequested() {
        CliToken first = cache.token(deadline());

        clock.advance(Duration.ofMillis(44_999));
        CliToken stillFresh = cache.token(deadline());
        clock.advance(Duration.ofMillis(1));
        CliToken replaced = cache.token(deadline());

        assertThat(stillFresh).isSameAs(first);
        assertThat(replaced.value()).isEqualTo("secret-token-2");
        assertThat(controlPlane.cliTokenCalls()).isEqualTo(2);
    }

    @Test
    void reuseWindow_countsFromWhenTheTokenWasRequestedNotWhenItArrived() {
        controlPlane.takes(Duration.ofSeconds(10));
        CliToken first = cache.token(deadline());

        clock.advance(Duration.ofSeconds(35));
        CliToken afterTheWindow = cache.token(deadline());

        assertThat(afterTheWindow).isNotSameAs(first);
        assertThat(controlPlane.cliTokenCalls()).isEqualTo(2);
    }

    @Test
    void concurrentCallers_shareOneFetch() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        controlPlane.during(() -> {
            fetching.countDown();
            awaitUninterruptibly(answer);
        });
        ConcurrentCalls<CliToken> callers = ConcurrentCalls.start(8, () -> cache.token(deadline()));
        fetching.await();
        callers.awaitAllHeld();

        answer.countDown();
        List<CliToken> tokens = callers.results();

        assertThat(tokens).extracting(CliToken::value).containsOnly("secret-token-1");
        assertThat(controlPlane.cliTokenCalls()).isEqualTo(1);
    }

    @Test
    void failedFetch_isNotRememberedAndTheNextCallFetchesAgain() {
        controlPlane.failNextCallsWith(new MwaaUnavailableException("CreateCliToken failed with HTTP 500"));
        assertThatThrownBy(() -> cache.token(deadline())).isInstanceOf(MwaaUnavailableException.class);

        CliToken token = cache.token(deadline());

        assertThat(token.value()).isEqualTo("secret-token-2");
    }

    @Test
    void invalidatedToken_isReplacedOnTheNextCall() {
        CliToken rejected = cache.token(deadline());

        cache.invalidate(rejected);
        CliToken replacement = cache.token(deadline());

        assertThat(replacement.value()).isEqualTo("secret-token-2");
    }

    @Test
    void invalidatingAnOlderToken_keepsTheNewerOne() {
        CliToken first = cache.token(deadline());
        cache.invalidate(first);
        CliToken second = cache.token(deadline());

        cache.invalidate(first);

        assertThat(cache.token(deadline())).isSameAs(second);
        assertThat(controlPlane.cliTokenCalls()).isEqualTo(2);
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5), clock);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while held in CreateCliToken", e);
        }
    }
}
