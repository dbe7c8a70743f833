package io.github.mwaatrigger.trigger;

import java.util.function.Supplier;

/**
 * Watches triggers as they are made: runs one and records what became of it (the trigger log of a Lambda
 * invocation), passing on its result or its failure unchanged.
 */
@FunctionalInterface
public interface TriggerRecorder {

    /** Records nothing: for callers outside an invocation, such as SnapStart priming. */
    TriggerRecorder NONE = (request, trigger) -> trigger.get();

    /**
     * Makes the trigger {@code request} asks for by calling {@code trigger}, on this thread, and records its
     * outcome.
     *
     * @return what {@code trigger} returned
     * @throws RuntimeException what {@code trigger} threw, after recording it
     */
    TriggerResult record(DagRunRequest request, Supplier<TriggerResult> trigger);
}
