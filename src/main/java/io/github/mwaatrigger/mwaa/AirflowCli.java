package io.github.mwaatrigger.mwaa;

/**
 * The Airflow CLI of one MWAA environment: runs a command and returns what it printed. This is the
 * transport the trigger service and the Airflow dialects work through; {@link MwaaCliClient} is the real
 * one (a CLI token, then {@code POST /aws_mwaa/cli}), and the functions' tests use an in-memory Airflow.
 */
public interface AirflowCli {

    /**
     * Runs {@code command} and returns its decoded output, and whether an earlier attempt of this call may
     * already have run it (so that a caller can tell "already exists" caused by its own lost attempt
     * from a real duplicate).
     *
     * @throws MwaaUnavailableException   when MWAA stayed busy or failing until the deadline, or when a
     *                                    command that must not run twice may have run but its answer was lost
     * @throws MwaaRejectedException      when the web server refused the request, or redirected it elsewhere
     * @throws CliAnswerTooLargeException when the command ran but its answer was too large to read
     * @throws MwaaConfigurationException when no CLI token can be had for the environment
     */
    CliReply run(CliCommand command, Idempotency idempotency, Deadline deadline);
}
