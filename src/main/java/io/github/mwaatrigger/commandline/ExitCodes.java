package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;

/** Which exit code a failure gets. */
final class ExitCodes {

    private ExitCodes() {
    }

    static int of(TriggerFailure failure) {
        if (failure instanceof MwaaConfigurationException) {
            return ExitCode.USAGE;
        }
        return failure.isRetryable() ? ExitCode.UNAVAILABLE : ExitCode.FAILED;
    }
}
