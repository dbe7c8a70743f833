package io.github.mwaatrigger.mwaa;

/**
 * Counts the requests a transport sends to MWAA on the calling thread, retries included, so that a trigger's log line
 * can say how many attempts it took (a function's trigger runs on one thread from start to end).
 */
public interface AttemptCounter {

    /** The requests sent on this thread so far; a trigger's attempts are the difference across it. */
    long attemptsOnThisThread();
}
