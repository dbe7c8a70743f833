package io.github.mwaatrigger.mwaa;

/**
 * The attempts a transport's calls have made, counted per thread: a trigger runs on its caller's thread, and a
 * process may serve several callers at once. The transports' counting decorators add to it.
 */
final class ThreadAttempts implements AttemptCounter {

    private final ThreadLocal<long[]> attempts = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public long attemptsOnThisThread() {
        return attempts.get()[0];
    }

    /** Counts {@code made} more attempts on this thread. */
    void add(int made) {
        attempts.get()[0] += made;
    }
}
