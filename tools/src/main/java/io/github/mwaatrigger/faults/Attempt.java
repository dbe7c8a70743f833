package io.github.mwaatrigger.faults;

import java.util.Objects;

/**
 * What one delivery of an event came to, as its sender sees it.
 *
 * @param kind  what the sender is told to do next
 * @param shown how it looks to the sender: {@code CREATED}, {@code exit 3}, {@code Lambda error}, {@code HTTP 503}
 */
record Attempt(Kind kind, String shown) {

    enum Kind {
        /** Done: the run exists, or the entry point says so. */
        SUCCEEDED,
        /**
         * A failure that is retried: the command line's exit 3, a Lambda error (Lambda retries the event, then
         * parks it in the failure queue), an HTTP 5xx from the API (callers retry with the same key).
         */
        RETRIED,
        /** The command line's exit 2: bad configuration, which the operator fixes before running it again. */
        CONFIGURATION,
        /** A permanent failure nobody retries: the command line's exit 1, an HTTP 4xx from the API. */
        PERMANENT
    }

    Attempt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shown, "shown");
    }

    /** Whether the sender was told to deliver the event again (now, or once the configuration is fixed). */
    boolean signalsRetry() {
        return kind == Kind.RETRIED || kind == Kind.CONFIGURATION;
    }
}
