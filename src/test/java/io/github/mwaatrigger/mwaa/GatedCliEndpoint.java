package io.github.mwaatrigger.mwaa;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CLI endpoint that holds every request until the test opens its gate, then answers each with an empty
 * output: a test can see how many requests are in flight at once. Thread-safe.
 */
final class GatedCliEndpoint implements CliEndpoint {

    private final CountDownLatch gate = new CountDownLatch(1);
    private final Semaphore arrivals = new Semaphore(0);
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @Override
    public CliExchange post(CliToken token, String commandLine, Deadline deadline) {
        received.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        arrivals.release();
        try {
            gate.await();
            return Exchanges.ok("", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while held at the gate", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Returns once {@code count} more requests have arrived. */
    void awaitArrivals(int count) throws InterruptedException {
        arrivals.acquire(count);
    }

    /** Lets every held request, and every later one, through. */
    void open() {
        gate.countDown();
    }

    int requestsReceived() {
        return received.get();
    }

    int mostInFlight() {
        return mostInFlight.get();
    }
}
