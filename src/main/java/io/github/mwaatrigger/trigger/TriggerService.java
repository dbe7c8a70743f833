package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowError;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.TriggerReply;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.AirflowCli;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliReply;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.mwaa.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts DAG runs, exactly once per run id.
 *
 * <p>The caller chooses a deterministic run id for its event, and Airflow's uniqueness of
 * {@code (dag_id, run_id)} is the deduplication store: "already exists" for our own run id is success
 * ({@link TriggerOutcome#ALREADY_EXISTED}), so a trigger can be retried freely. On Airflow 2.2+, which
 * also reports "already exists" when another run holds the same logical date (two triggers within one
 * second, as Airflow zeroes microseconds), the run id is looked up before the trigger counts as done; a
 * collision is retried in the next second, never swallowed. When an earlier attempt of the same call
 * may have run (its answer was lost) and the run id then exists, the run counts as created by this call.
 */
public final class TriggerService {

    /** How many logical-date collisions in a row are retried before giving up (retryably). */
    static final int MAX_COLLISIONS = 5;
    private static final Duration COLLISION_MARGIN = Duration.ofMillis(20);
    private static final System.Logger LOG = System.getLogger(TriggerService.class.getName());

    private final AirflowCli cli;
    private final AirflowDialects dialects;
    private final DagRunQueries queries;
    private final Clock clock;
    private final Sleeper sleeper;

    public TriggerService(AirflowCli cli, AirflowDialects dialects, DagRunQueries queries, Clock clock,
            Sleeper sleeper) {
        this.cli = Objects.requireNonNull(cli, "cli");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Makes sure the run {@code request} names exists.
     *
     * @throws DagNotFoundException          if Airflow does not know the DAG
     * @throws AirflowRefusedArgumentException if Airflow refused an argument (such as the run id)
     * @throws DagRunConflictException       if another run holds the requested logical date
     * @throws AirflowCommandException       if Airflow failed in another way (retryable)
     * @throws MwaaUnavailableException      if MWAA stayed busy or failing until the deadline (retryable)
     */
    public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        AirflowDialect dialect = dialects.dialect(deadline);
        CliCommand command = dialect.triggerCommand(request.dagId(), request.runId(), request.conf(),
                request.logicalDate());
        boolean mayHaveRunBefore = false;
        for (int collisions = 0; ; collisions++) {
            CliReply reply = cli.run(command, Idempotency.IDEMPOTENT, deadline);
            mayHaveRunBefore |= reply.earlierAttemptMayHaveRun();
            TriggerReply answer = dialect.readTrigger(reply.output(), request.dagId(), request.runId(), request.conf());
            if (answer instanceof TriggerReply.Created created) {
                return logged(new TriggerResult(created.run(), TriggerOutcome.CREATED));
            }
            AirflowError error = ((TriggerReply.Refused) answer).error();
            Optional<TriggerResult> done = switch (error.kind()) {
                case ALREADY_EXISTS -> existingRun(dialect, request, mayHaveRunBefore, deadline);
                case DUPLICATE_LOGICAL_DATE -> dialect.canListRuns()
                        ? lookedUp(request, mayHaveRunBefore, deadline) : Optional.empty();
                case DAG_NOT_FOUND -> throw new DagNotFoundException(DagRunQueries.dagNotFound(request.dagId(), error));
                case INVALID_ARGUMENT -> throw new AirflowRefusedArgumentException("Airflow refused run '"
                        + request.runId() + "' of DAG '" + request.dagId() + "': " + error.message());
                case UNSUPPORTED_COMMAND -> throw new AirflowCommandException("Airflow " + dialect.version()
                        + " did not accept the trigger command (" + error.message() + "): check that AIRFLOW_VERSION "
                        + "is the environment's version, or set it to auto", false);
                case OTHER -> throw new AirflowCommandException("triggering run '" + request.runId() + "' of DAG '"
                        + request.dagId() + "' failed in Airflow: " + error.message(), true);
            };
            if (done.isPresent()) {
                return logged(done.get());
            }
            awaitNextSecond(request, error, collisions, deadline);
        }
    }

    /**
     * After "already exists": our run, if it is ours. Where Airflow checks duplicates by run id only, it
     * is ours; it is looked up (best effort) for its state. On Airflow 2.2+ it must be found.
     */
    private Optional<TriggerResult> existingRun(AirflowDialect dialect, DagRunRequest request, boolean mayHaveRunBefore,
            Deadline deadline) {
        if (dialect.alreadyExistsMayMeanAnotherRun()) {
            return lookedUp(request, mayHaveRunBefore, deadline);
        }
        DagRun run = DagRun.identifiedBy(request.dagId(), request.runId());
        if (dialect.canListRuns()) {
            try {
                run = queries.find(request.dagId(), request.runId(), deadline).orElse(run);
            } catch (TriggerFailure lookupFailed) {
                LOG.log(Level.WARNING, "run {0} of {1} already existed; its state could not be read: {2}",
                        request.runId(), request.dagId(), lookupFailed.getMessage());
            }
        }
        return Optional.of(new TriggerResult(mayHaveRunBefore ? withConf(run, request.conf()) : run,
                outcome(mayHaveRunBefore)));
    }

    /**
     * Our run, if {@code dags list-runs} shows it; made by this very call, it holds the conf this call sent
     * (which {@code dags list-runs} does not print).
     */
    private Optional<TriggerResult> lookedUp(DagRunRequest request, boolean mayHaveRunBefore, Deadline deadline) {
        return queries.find(request.dagId(), request.runId(), deadline)
                .map(run -> mayHaveRunBefore ? withConf(run, request.conf()) : run)
                .map(run -> new TriggerResult(run, outcome(mayHaveRunBefore)));
    }

    private static DagRun withConf(DagRun run, JsonObject conf) {
        return new DagRun(run.dagId(), run.runId(), run.state(), run.logicalDate(), run.startDate(), run.endDate(),
                conf, run.runType(), run.externalTrigger());
    }

    /**
     * The outcome when our run id exists: made by an earlier attempt of this very call whose answer was
     * lost, or there before this call.
     */
    private static TriggerOutcome outcome(boolean mayHaveRunBefore) {
        return mayHaveRunBefore ? TriggerOutcome.CREATED : TriggerOutcome.ALREADY_EXISTED;
    }

    /**
     * Another run holds the logical date. With a logical date the caller chose, that is final; with "now",
     * the next second is free of that run, so wait for it.
     */
    private void awaitNextSecond(DagRunRequest request, AirflowError error, int collisions, Deadline deadline) {
        if (request.logicalDate().isPresent()) {
            throw new DagRunConflictException("DAG '" + request.dagId() + "' already has a run at logical date "
                    + request.logicalDate().get() + " (" + error.message() + ")");
        }
        long millisIntoSecond = clock.millis() % 1000;
        Duration wait = Duration.ofMillis(1000 - millisIntoSecond).plus(COLLISION_MARGIN);
        if (collisions + 1 >= MAX_COLLISIONS || !deadline.allows(wait)) {
            throw new AirflowCommandException("run '" + request.runId() + "' of DAG '" + request.dagId()
                    + "' kept colliding with other runs started in the same second (" + error.message() + ")", true);
        }
        LOG.log(Level.INFO, "run {0} of {1} collided with another run in the same second; retrying in {2} ms",
                request.runId(), request.dagId(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MwaaUnavailableException("interrupted while waiting to retry run '" + request.runId() + "'");
        }
    }

    private static TriggerResult logged(TriggerResult result) {
        LOG.log(Level.DEBUG, "DAG {0} run {1}: {2} (state {3})", result.run().dagId(), result.run().runId(),
                result.outcome(), result.run().state());
        return result;
    }
}
