package io.github.mwaatrigger.lambdaruntime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a runtime answered to one invocation, and when: {@code deliveredNanos} is when the Runtime API handed
 * the event out (its answer to {@code /invocation/next}), {@code completedNanos} when the runtime posted the
 * result, both on {@link System#nanoTime()}.
 *
 * @param requestId      the invocation's request id
 * @param errorType      empty for a response ({@code /response}); the error type of an error ({@code /error})
 * @param body           the response payload, or the error document
 * @param deliveredNanos when the event left the Runtime API
 * @param completedNanos when the result arrived
 */
public record InvocationResult(String requestId, Optional<String> errorType, String body, long deliveredNanos,
        long completedNanos) {

    public InvocationResult {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(body, "body");
    }

    /** Whether the function answered with a response rather than an error. */
    public boolean succeeded() {
        return errorType.isEmpty();
    }

    /** From the event leaving the Runtime API to the result arriving there. */
    public Duration duration() {
        return Duration.ofNanos(completedNanos - deliveredNanos);
    }
}
