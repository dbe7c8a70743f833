package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CliTokenCacheTest {

    private final MutableClock clock = MutableClock.atSystemSecond();
    private final AtomicInteger created = new AtomicInteger();
    private final MwaaControlPlane controlPlane = new MwaaControlPlane() {
        @Override
        public CliToken createCliToken(Deadline deadline) {
            sleep();
            return new CliToken("token-" + created.incrementAndGet(), "host", clock.instant());
        }

        @Override
        public String airflowVersion(Deadline deadline) {
            throw new UnsupportedOperationException();
        }
    };
    private final CliTokenCache cache = new CliTokenCache(controlPlane, clock);

    @Test
    void concurrentCallers_shareOneFetch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CliToken>> tokens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tokens.add(pool.submit(() -> {
                    start.await();
                    return cache.token(deadline());
                }));
            }
            start.countDown();
            for (Future<CliToken> token : tokens) {
                assertThat(token.get().value()).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created).hasValue(1);
    }

    @Test
    void invalidatingAnOlderToken_keepsTheNewerOne() {
        CliToken first = cache.token(deadline());
        cache.invalidate(first);
        CliToken second = cache.token(deadline());

        cache.invalidate(first);

        assertThat(cache.token(deadline())).isSameAs(second);
        assertThat(created).hasValue(2);
    }

    @Test
    void token_isReusedFor45SecondsAfterItWasRequested() {
        CliToken first = cache.token(deadline());

        clock.advance(Duration.ofMillis(44_999));
        assertThat(cache.token(deadline())).isSameAs(first);

        clock.advance(Duration.ofMillis(1));
        assertThat(cache.token(deadline())).isNotSameAs(first);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
