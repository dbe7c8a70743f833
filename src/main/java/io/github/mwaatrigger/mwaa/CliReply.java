package io.github.mwaatrigger.mwaa;

import java.util.Objects;

/**
 * A command's output, and whether an earlier attempt of the same call may already have run the command
 * (its answer was lost, or the server failed after receiving it) before this attempt ran it again.
 */
public record CliReply(CliOutput output, boolean earlierAttemptMayHaveRun) {

    public CliReply {
        Objects.requireNonNull(output, "output");
    }
}
