package io.github.mwaatrigger.mwaa;

import java.util.Objects;

/**
 * A command's output, whether an earlier attempt of the same call may already have run the command
 * (its answer was lost, or the server failed after receiving it) before this attempt ran it again, and
 * how many attempts the call made in all (this one included).
 */
public record CliReply(CliOutput output, boolean earlierAttemptMayHaveRun, int attempts) {

    public CliReply {
        Objects.requireNonNull(output, "output");
        if (attempts < 1) {
            throw new IllegalArgumentException("a reply comes from at least one attempt, not " + attempts);
        }
    }

    /** A reply to a call that took {@code earlierAttemptMayHaveRun ? 2 : 1} attempts. */
    public CliReply(CliOutput output, boolean earlierAttemptMayHaveRun) {
        this(output, earlierAttemptMayHaveRun, earlierAttemptMayHaveRun ? 2 : 1);
    }
}
