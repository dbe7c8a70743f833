package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunPage;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DAG runs behind a gate: every trigger waits at the gate until it opens (when the test opens it, or by
 * itself once a given number of triggers are waiting together), then goes on to the DAG runs it wraps. It
 * counts what a test of concurrency needs to see: how many triggers were in flight at once (per run id
 * too), on which threads, and with which deadline. A trigger can be made to fail instead.
 *
 * <p>A trigger held for {@link #HOLD_LIMIT_SECONDS} without the gate opening fails with an
 * {@link AssertionError}, so that code that never gets enough triggers in flight fails its test instead of
 * hanging it. Thread-safe.
 */
public final class GatedDagRuns implements DagRuns {

    /** How long a trigger waits at a gate that does not open before it fails the test. */
    public static final long HOLD_LIMIT_SECONDS = 10;

    private final DagRuns delegate;
    private final int opensWhenInFlight;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Semaphore arrivals = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightPerRun = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlightPerRun = new ConcurrentHashMap<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();

    private GatedDagRuns(DagRuns delegate, int opensWhenInFlight) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.opensWhenInFlight = opensWhenInFlight;
    }

    /** A gate that opens only when the test calls {@link #open()}. */
    public static GatedDagRuns closed(DagRuns delegate) {
        return new GatedDagRuns(delegate, Integer.MAX_VALUE);
    }

    /** A gate that opens by itself once {@code triggers} triggers are in flight at once, and stays open. */
    public static GatedDagRuns openingWhen(int triggers, DagRuns delegate) {
        return new GatedDagRuns(delegate, triggers);
    }

    /** The trigger of run {@code runId} fails with {@code failure} once through the gate, every time. */
    public GatedDagRuns failing(String runId, RuntimeException failure) {
        failures.put(runId, failure);
        return this;
    }

    /** Lets every waiting trigger, and every later one, through. */
    public void open() {
        gate.countDown();
    }

    /**
     * Returns once {@code count} triggers have arrived at the gate in all.
     *
     * @throws AssertionError if they do not within {@link #HOLD_LIMIT_SECONDS}
     */
    public void awaitArrivals(int count) throws InterruptedException {
        if (!arrivals.tryAcquire(count, HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(count + " triggers did not arrive within " + HOLD_LIMIT_SECONDS + " s");
        }
        arrivals.release(count);
    }

    /** How many triggers have arrived at the gate in all. */
    public int arrivals() {
        return arrivals.availablePermits();
    }

    /** The most triggers in flight (waiting at the gate or going on) at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** The most triggers of run {@code runId} in flight at once. */
    public int mostInFlight(String runId) {
        return mostInFlightPerRun.getOrDefault(runId, new AtomicInteger()).get();
    }

    /** Every thread a trigger arrived on. */
    public Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    /** The deadline of each trigger, in the order they arrived. */
    public List<Deadline> deadlines() {
        return List.copyOf(deadlines);
    }

    @Override
    public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        threads.add(Thread.currentThread());
        deadlines.add(deadline);
        int nowInFlight = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(nowInFlight, Math::max);
        AtomicInteger ofRun = inFlightPerRun.computeIfAbsent(request.runId(), run -> new AtomicInteger());
        mostInFlightPerRun.computeIfAbsent(request.runId(), run -> new AtomicInteger())
                .accumulateAndGet(ofRun.incrementAndGet(), Math::max);
        try {
            arrivals.release();
            if (nowInFlight >= opensWhenInFlight) {
                gate.countDown();
            }
            if (!gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("a trigger was held at the gate for " + HOLD_LIMIT_SECONDS + " s: it was "
                        + "never opened, or fewer than " + opensWhenInFlight + " triggers were ever in flight at once "
                        + "(at most " + mostInFlight.get() + ")");
            }
            RuntimeException failure = failures.get(request.runId());
            if (failure != null) {
                throw failure;
            }
            return delegate.trigger(request, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while held at the gate", e);
        } finally {
            ofRun.decrementAndGet();
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        return delegate.run(dagId, runId, deadline);
    }

    @Override
    public DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline) {
        return delegate.list(dagId, query, deadline);
    }
}
