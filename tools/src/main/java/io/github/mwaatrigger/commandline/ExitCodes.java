package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.trigger.AirflowCommandException;

/** Which exit code a failure gets. */
final class ExitCodes {

    private ExitCodes() {
    }

    static int of(TriggerFailure failure) {
        if (failure instanceof MwaaConfigurationException) {
            return ExitCode.USAGE;
        }
        if (failure instanceof AirflowCommandException) {
            return ExitCode.FAILED;
        }
        return failure.isRetryable() ? ExitCode.UNAVAILABLE : ExitCode.FAILED;
    }
}
