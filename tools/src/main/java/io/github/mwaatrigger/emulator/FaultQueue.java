package io.github.mwaatrigger.emulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The injected faults one part of the emulator has yet to act out, one per request, in order; thread-safe. */
final class FaultQueue {

    private final Queue<Fault> queued = new ConcurrentLinkedQueue<>();

    /** Queues {@code faults} after those already queued (the caller has checked it can act them out). */
    void addAll(List<Fault> faults) {
        queued.addAll(faults);
    }

    /** The fault the next request acts out, or {@code null} when none is queued. */
    Fault next() {
        return queued.poll();
    }

    /** How many are not acted out yet. */
    int pending() {
        return queued.size();
    }

    /** Forgets those not acted out yet. */
    void clear() {
        queued.clear();
    }
}
