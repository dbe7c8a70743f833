package io.github.mwaatrigger.mwaa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Calls running on threads of their own, so that a test can hold them where they wait (on a latch it
 * controls, a lock, a permit) and look at what happened meanwhile, with no sleeps and no timing.
 */
final class ConcurrentCalls<T> {

    private final List<Thread> threads = new ArrayList<>();
    private final List<FutureTask<T>> calls = new ArrayList<>();

    private ConcurrentCalls() {
    }

    /** Starts {@code count} threads, each making {@code call} once. */
    static <T> ConcurrentCalls<T> start(int count, Callable<T> call) {
        ConcurrentCalls<T> started = new ConcurrentCalls<>();
        for (int i = 0; i < count; i++) {
            FutureTask<T> task = new FutureTask<>(call);
            Thread thread = new Thread(task, "concurrent-call-" + i);
            thread.setDaemon(true);
            started.calls.add(task);
            started.threads.add(thread);
            thread.start();
        }
        return started;
    }

    /**
     * Returns once no call is running any more: each is waiting (for a lock, a latch, a permit, with or
     * without a time-out) or has finished. A call that is still on its way to where it waits is running.
     */
    void awaitAllHeld() {
        while (threads.stream().anyMatch(ConcurrentCalls::running)) {
            Thread.yield();
        }
    }

    /** What each call returned, in the order they were started, once all have finished. */
    List<T> results() throws InterruptedException, ExecutionException {
        List<T> results = new ArrayList<>();
        for (FutureTask<T> call : calls) {
            results.add(call.get());
        }
        return results;
    }

    private static boolean running(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.NEW || state == Thread.State.RUNNABLE;
    }
}
