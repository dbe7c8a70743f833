package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.trigger.AirflowCommandException;
import io.github.mwaatrigger.trigger.InvalidDagRunRequestException;

/**
 * Which exit code a failure gets: every failure that trying again later can cure exits 3, so that a script
 * can tell "retry" from "fix something"; a configuration or request that has to change exits 2; the rest,
 * Airflow's own refusals (an unknown DAG, a taken logical date, a refused run id), exit 1.
 */
final class ExitCodes {

    private ExitCodes() {
    }

    static int of(TriggerFailure failure) {
        if (failure.isRetryable()) {
            return ExitCode.UNAVAILABLE;
        }
        if (failure instanceof MwaaConfigurationException || failure instanceof InvalidDagRunRequestException) {
            return ExitCode.USAGE;
        }
        if (failure instanceof AirflowCommandException) {
            return ExitCode.USAGE; // a command built for another Airflow version: AIRFLOW_VERSION is wrong
        }
        return ExitCode.FAILED;
    }
}
