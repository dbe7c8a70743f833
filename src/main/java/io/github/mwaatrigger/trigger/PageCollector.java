package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Collects one page of runs that arrive one by one, counting all of them, without holding the others.
 * When they arrive in the order asked for, it keeps only the page; otherwise it keeps the best
 * {@code offset + limit} seen so far (ties stay in arrival order) and sorts them at the end.
 */
final class PageCollector implements Consumer<DagRun> {

    /** A run and when it arrived, to break ties in arrival order. */
    private record Arrival(DagRun run, long index) {
    }

    private final Comparator<Arrival> order;
    private final boolean arrivesInOrder;
    private final int offset;
    private final int limit;
    private final List<DagRun> page = new ArrayList<>();
    private final PriorityQueue<Arrival> best;
    private long count;

    /**
     * @param arrivesInOrder whether runs arrive already in {@code order}, so that the page is a slice of
     *                       them
     */
    PageCollector(Comparator<DagRun> order, boolean arrivesInOrder, int offset, int limit) {
        this.order = Comparator.comparing(Arrival::run, order).thenComparingLong(Arrival::index);
        this.arrivesInOrder = arrivesInOrder;
        this.offset = offset;
        this.limit = limit;
        this.best = arrivesInOrder ? null : new PriorityQueue<>(this.order.reversed());
    }

    @Override
    public void accept(DagRun run) {
        long index = count++;
        if (arrivesInOrder) {
            if (index >= offset && index < (long) offset + limit) {
                page.add(run);
            }
            return;
        }
        best.add(new Arrival(run, index));
        if (best.size() > (long) offset + limit) {
            best.poll();
        }
    }

    /** How many runs arrived. */
    long count() {
        return count;
    }

    /** The page: runs {@code offset} to {@code offset + limit} in the order asked for. */
    List<DagRun> page() {
        if (arrivesInOrder) {
            return List.copyOf(page);
        }
        List<Arrival> sorted = new ArrayList<>(best);
        sorted.sort(order);
        return sorted.stream().skip(offset).map(Arrival::run).toList();
    }
}
