package io.github.mwaatrigger.uploads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks side by side, at most {@code width} at a time, and returns when all have finished: the
 * records of one event, so that they use the CLI slots the process has instead of one.
 *
 * <p>The threads belong to one call: they are created when it starts and stopped before it returns, so
 * none outlives an invocation or is frozen into a SnapStart snapshot. Creating a few threads costs
 * microseconds, next to the seconds a CLI command takes. With a width of 1, or a single task, the tasks
 * run one after another on the caller's thread.
 */
final class FanOut {

    /** Threads are named {@code upload-trigger-<call>-<n>}, to tell them apart in a thread dump. */
    static final String THREAD_NAME_PREFIX = "upload-trigger-";
    private static final AtomicInteger CALLS = new AtomicInteger();

    private final int width;

    FanOut(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        this.width = width;
    }

    int width() {
        return width;
    }

    /**
     * Runs every task, at most {@link #width} at once, and returns once all have finished. Tasks are
     * expected to report their own failures; an exception one of them throws anyway is thrown here, after
     * the others were stopped.
     */
    void runAll(List<Runnable> tasks) {
        if (width == 1 || tasks.size() <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(width, tasks.size()), threadFactory());
        try {
            List<Future<?>> running = new ArrayList<>(tasks.size());
            for (Runnable task : tasks) {
                running.add(threads.submit(task));
            }
            for (Future<?> task : running) {
                awaitEnd(task);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitEnd(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the objects of the event were being triggered", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory threadFactory() {
        String prefix = THREAD_NAME_PREFIX + CALLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
