package io.github.mwaatrigger.observability;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.AttemptCounter;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerRecorder;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The trigger log of a function: one JSON line per trigger on standard output ({@link TriggerEvent}), with
 * the invocation's request ids, the DAG and run, the outcome, the attempts the trigger's calls to MWAA took
 * and how long it took. The line is written straight to standard output, not through a logger, so that
 * Lambda hands it to CloudWatch Logs as the JSON object it is (in both log formats) and CloudWatch extracts
 * its embedded metrics without any API call. A failure's line holds the failure's message, which never
 * holds a CLI token; for an unexpected failure (a defect), only its class.
 */
public final class TriggerLog {

    private final AttemptCounter attempts;
    private final Clock clock;
    private final Consumer<String> lines;

    /** The log of triggers whose calls {@code attempts} counts, timed by {@code clock}, on standard output. */
    public TriggerLog(AttemptCounter attempts, Clock clock) {
        this(attempts, clock, line -> System.out.println(line));
    }

    /** The same, writing each line to {@code lines}. */
    public TriggerLog(AttemptCounter attempts, Clock clock, Consumer<String> lines) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /** Records the triggers of the invocation {@code context} describes. */
    public TriggerRecorder forInvocation(Context context) {
        return forInvocation(LambdaInvocation.of(context));
    }

    /** Records the triggers of {@code invocation}. */
    public TriggerRecorder forInvocation(LambdaInvocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        return (request, trigger) -> record(invocation, request, trigger);
    }

    private TriggerResult record(LambdaInvocation invocation, DagRunRequest request, Supplier<TriggerResult> trigger) {
        long attemptsBefore = attempts.attemptsOnThisThread();
        Instant start = clock.instant();
        TriggerResult result;
        try {
            result = trigger.get();
        } catch (RuntimeException failure) {
            write(invocation, request, request.runId(), TriggerEvent.Outcome.FAILED, Optional.of(describe(failure)),
                    attemptsBefore, start);
            throw failure;
        }
        write(invocation, request, result.run().runId(), result.outcome() == TriggerOutcome.CREATED
                ? TriggerEvent.Outcome.CREATED : TriggerEvent.Outcome.ALREADY_EXISTED, Optional.empty(),
                attemptsBefore, start);
        return result;
    }

    private void write(LambdaInvocation invocation, DagRunRequest request, String runId, TriggerEvent.Outcome outcome,
            Optional<TriggerEvent.Failure> failure, long attemptsBefore, Instant start) {
        Instant end = clock.instant();
        TriggerEvent event = new TriggerEvent(invocation, request.dagId(), runId, outcome, failure,
                attempts.attemptsOnThisThread() - attemptsBefore, Duration.between(start, end), end);
        lines.accept(JsonWriter.compact().write(event.toJson()));
    }

    private static TriggerEvent.Failure describe(RuntimeException failure) {
        String type = failure.getClass().getSimpleName();
        if (failure instanceof TriggerFailure known) {
            return new TriggerEvent.Failure(type, Optional.of(known.isRetryable()), String.valueOf(known.getMessage()));
        }
        return new TriggerEvent.Failure(type, Optional.empty(), "unexpected " + type + "; its stack trace is logged "
                + "with this request id");
    }
}
