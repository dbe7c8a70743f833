package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.mwaatrigger.mwaa.Deadline;
import java.time.Clock;
import java.time.Duration;

/** The deadline of one invocation: Lambda's remaining time, less a margin to report a clean result. */
final class LambdaDeadline {

    /** Kept back from the remaining time so that the function can still log and answer before Lambda stops it. */
    static final Duration MARGIN = Duration.ofMillis(1500);

    private LambdaDeadline() {
    }

    static Deadline of(Context context, Clock clock) {
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        return Deadline.after(remaining.isNegative() ? Duration.ZERO : remaining, clock);
    }
}
