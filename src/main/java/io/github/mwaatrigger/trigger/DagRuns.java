package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.mwaa.Deadline;
import java.util.Optional;

/**
 * The DAG runs of one MWAA environment, reached through one transport: the Airflow CLI behind a CLI
 * token ({@link CliDagRuns}), or Airflow's REST API through MWAA's {@code InvokeRestApi}. Every entry
 * point (the three functions, the command-line tool) works through this interface only, so that the
 * transport is a setting.
 *
 * <p>Every implementation starts each run exactly once per run id: "already exists" for the caller's own
 * run id is {@link TriggerOutcome#ALREADY_EXISTED}, and the same run id names the same run on every
 * transport, so that switching transport never starts a second run for an event.
 */
public interface DagRuns {

    /**
     * Makes sure the run {@code request} names exists.
     *
     * @throws InvalidDagRunRequestException   if the request cannot be sent as it is (permanent)
     * @throws DagNotFoundException            if Airflow does not know the DAG
     * @throws AirflowRefusedArgumentException if Airflow refused an argument (such as the run id)
     * @throws DagRunConflictException         if another run holds the requested logical date
     * @throws AirflowCommandException         if Airflow failed in another way
     * @throws io.github.mwaatrigger.mwaa.MwaaUnavailableException if MWAA stayed busy or failing until the
     *                                         deadline (retryable)
     */
    TriggerResult trigger(DagRunRequest request, Deadline deadline);

    /** The run {@code runId} of {@code dagId}, if it exists. */
    Optional<DagRun> run(String dagId, String runId, Deadline deadline);

    /** One page of the runs of {@code dagId}, as {@code query} asks, with the number of runs that match. */
    DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline);
}
