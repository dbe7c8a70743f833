package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A control plane whose {@code CreateCliToken} hands out numbered tokens ({@code secret-token-1},
 * {@code secret-token-2}, ...) for {@link #WEB_SERVER}, counts the calls, and can be scripted to fail or
 * to take time. Thread-safe.
 */
final class FakeControlPlane implements MwaaControlPlane {

    static final String WEB_SERVER = "web.example.com";

    private final MutableClock clock;
    private final AtomicInteger calls = new AtomicInteger();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private volatile Duration callTime = Duration.ZERO;
    private volatile Runnable duringCall = () -> { };

    FakeControlPlane(MutableClock clock) {
        this.clock = clock;
    }

    /** Makes the next calls throw these, one each, before tokens are handed out again. */
    synchronized void failNextCallsWith(RuntimeException... failures) {
        this.failures.addAll(Arrays.asList(failures));
    }

    /** Makes every call take {@code time} on the test's clock. */
    void takes(Duration time) {
        this.callTime = time;
    }

    /** Runs {@code action} inside every call, after it is counted: to hold a call until a test releases it. */
    void during(Runnable action) {
        this.duringCall = action;
    }

    /** How many times {@code CreateCliToken} was called. */
    int cliTokenCalls() {
        return calls.get();
    }

    @Override
    public CliToken createCliToken(Deadline deadline) {
        int number = calls.incrementAndGet();
        Instant requestedAt = clock.instant();
        duringCall.run();
        clock.advance(callTime);
        RuntimeException failure = nextFailure();
        if (failure != null) {
            throw failure;
        }
        return new CliToken("secret-token-" + number, WEB_SERVER, requestedAt);
    }

    @Override
    public String airflowVersion(Deadline deadline) {
        throw new UnsupportedOperationException("the CLI client never asks for the Airflow version");
    }

    private synchronized RuntimeException nextFailure() {
        return failures.poll();
    }
}
