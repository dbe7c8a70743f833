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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Starts DAG runs, exactly once per run id.
 *
 * <p>The caller chooses a deterministic run id for its event, and Airflow's uniqueness of
 * {@code (dag_id, run_id)} is the deduplication store: "already exists" for our own run id is success
 * ({@link TriggerOutcome#ALREADY_EXISTED}), so a trigger can be retried freely. On Airflow 2.2+, which
 * also reports "already exists" when another run holds the same logical date, the run id is looked up
 * before the trigger counts as done. When an earlier attempt of the same call may have run (its answer was
 * lost) and the run id then exists, the run counts as created by this call; so does a run id that exists
 * after an answer that could not be read (looked up wherever Airflow can list runs).
 *
 * <p>Two triggers of one DAG in the same second collide on the logical date before Airflow 2.6, which
 * zeroes the microseconds of "now": the one that lost is sent again at once with a logical date of its
 * own, a random free second of the last minute or so ({@link RecentFreeSeconds}), so that callers that
 * collided together spread out instead of colliding again. From 2.6 on, where "now" keeps its microseconds,
 * it is sent again after a few random milliseconds. A collision is never swallowed.
 */
public final class TriggerService {

    /** How many logical-date collisions in a row are retried before giving up (retryably). */
    static final int MAX_COLLISIONS = 10;
    /** The longest random wait before sending "now" again where Airflow keeps its microseconds. */
    static final Duration MICROSECOND_COLLISION_JITTER = Duration.ofMillis(50);
    private static final System.Logger LOG = System.getLogger(TriggerService.class.getName());

    private final AirflowCli cli;
    private final AirflowDialects dialects;
    private final DagRunQueries queries;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * A service whose collision retries draw on a {@link SecureRandom}: fresh in every execution environment
     * restored from one SnapStart snapshot, so that restored functions do not pick the same seconds.
     */
    public TriggerService(AirflowCli cli, AirflowDialects dialects, DagRunQueries queries, Clock clock,
            Sleeper sleeper) {
        this(cli, dialects, queries, clock, sleeper, new SecureRandom());
    }

    /** A service whose collision retries draw on {@code random} (thread-safe), for tests. */
    public TriggerService(AirflowCli cli, AirflowDialects dialects, DagRunQueries queries, Clock clock,
            Sleeper sleeper, RandomGenerator random) {
        this.cli = Objects.requireNonNull(cli, "cli");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Makes sure the run {@code request} names exists.
     *
     * @throws DagNotFoundException          if Airflow does not know the DAG
     * @throws AirflowRefusedArgumentException if Airflow refused an argument (such as the run id)
     * @throws DagRunConflictException       if another run holds the requested logical date
     * @throws AirflowCommandException       if Airflow failed in another way (retryable), or did not accept
     *                                       the command at all (permanent: a wrong {@code AIRFLOW_VERSION})
     * @throws MwaaUnavailableException      if MWAA stayed busy or failing until the deadline (retryable)
     */
    public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        AirflowDialect dialect = dialects.dialect(deadline);
        Optional<Instant> logicalDate = request.logicalDate();
        Set<Long> takenSeconds = new HashSet<>();
        boolean mayHaveRunBefore = false;
        for (int collisions = 0; ; collisions++) {
            CliCommand command = dialect.triggerCommand(request.dagId(), request.runId(), request.conf(), logicalDate);
            CliReply reply = cli.run(command, Idempotency.IDEMPOTENT, deadline);
            mayHaveRunBefore |= reply.earlierAttemptMayHaveRun();
            TriggerReply answer = dialect.readTrigger(reply.output(), request.dagId(), request.runId(), request.conf());
            if (answer instanceof TriggerReply.Created created) {
                return logged(new TriggerResult(created.run(), TriggerOutcome.CREATED));
            }
            AirflowError error = ((TriggerReply.Refused) answer).error();
            boolean earlier = mayHaveRunBefore;
            Optional<TriggerResult> done = switch (error.kind()) {
                case ALREADY_EXISTS -> existingRun(dialect, request, earlier, takenSeconds, deadline);
                case DUPLICATE_LOGICAL_DATE -> dialect.canListRuns()
                        ? lookedUp(request, earlier, takenSeconds, deadline) : Optional.empty();
                case DAG_NOT_FOUND -> throw new DagNotFoundException(DagRunQueries.dagNotFound(request.dagId(), error));
                case INVALID_ARGUMENT -> throw new AirflowRefusedArgumentException("Airflow refused run '"
                        + request.runId() + "' of DAG '" + request.dagId() + "': " + error.message());
                case UNSUPPORTED_COMMAND -> throw new AirflowCommandException("Airflow " + dialect.version()
                        + " did not accept the trigger command (" + error.message() + "): check that AIRFLOW_VERSION "
                        + "is the environment's version, or set it to auto", false);
                case OTHER -> Optional.of(afterUnexpectedAnswer(dialect, request, error, deadline));
            };
            if (done.isPresent()) {
                return logged(done.get());
            }
            logicalDate = afterCollision(dialect, request, error, collisions, takenSeconds, deadline);
        }
    }

    /**
     * After "already exists": our run, if it is ours. Where Airflow checks duplicates by run id only, it
     * is ours; it is looked up (best effort) for its state. On Airflow 2.2+ it must be found.
     */
    private Optional<TriggerResult> existingRun(AirflowDialect dialect, DagRunRequest request, boolean mayHaveRunBefore,
            Set<Long> takenSeconds, Deadline deadline) {
        if (dialect.alreadyExistsMayMeanAnotherRun()) {
            return lookedUp(request, mayHaveRunBefore, takenSeconds, deadline);
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
     * (which {@code dags list-runs} does not print). The seconds the DAG's other runs hold are added to
     * {@code takenSeconds}, for a retry that needs a free one.
     */
    private Optional<TriggerResult> lookedUp(DagRunRequest request, boolean mayHaveRunBefore, Set<Long> takenSeconds,
            Deadline deadline) {
        return queries.find(request.dagId(), request.runId(),
                        run -> epochSecond(run.logicalDate()).ifPresent(takenSeconds::add), deadline)
                .map(run -> mayHaveRunBefore ? withConf(run, request.conf()) : run)
                .map(run -> new TriggerResult(run, outcome(mayHaveRunBefore)));
    }

    private static DagRun withConf(DagRun run, JsonObject conf) {
        return new DagRun(run.dagId(), run.runId(), run.state(), run.logicalDate(), run.startDate(), run.endDate(),
                conf, run.runType(), run.externalTrigger());
    }

    /**
     * An answer that is neither a created run nor a known refusal: a traceback of another kind, or output
     * that cannot be read at all. Airflow may have created the run and then failed to print it, so the run
     * id is looked up where Airflow can list runs: if it exists, this call created it. Otherwise the failure
     * is retryable (the same run id makes a retry safe); it is never reported as permanent.
     */
    private TriggerResult afterUnexpectedAnswer(AirflowDialect dialect, DagRunRequest request, AirflowError error,
            Deadline deadline) {
        String failed = "triggering run '" + request.runId() + "' of DAG '" + request.dagId() + "' failed in Airflow "
                + "or answered in a way that cannot be read (" + error.message() + ")";
        if (!dialect.canListRuns()) {
            throw new AirflowCommandException(failed + "; Airflow " + dialect.version() + " cannot list runs to tell "
                    + "whether the run was created: trying again with the same run id is safe", true);
        }
        Optional<DagRun> run = queries.find(request.dagId(), request.runId(), deadline);
        if (run.isEmpty()) {
            throw new AirflowCommandException(failed + "; the run does not exist, so trying again is safe", true);
        }
        LOG.log(Level.WARNING, "{0}; the run exists, so it was created", failed);
        return new TriggerResult(withConf(run.get(), request.conf()), TriggerOutcome.CREATED);
    }

    /**
     * The outcome when our run id exists: made by an earlier attempt of this very call whose answer was
     * lost, or there before this call.
     */
    private static TriggerOutcome outcome(boolean mayHaveRunBefore) {
        return mayHaveRunBefore ? TriggerOutcome.CREATED : TriggerOutcome.ALREADY_EXISTED;
    }

    /**
     * Another run holds the logical date. With a logical date the caller chose, that is final. Otherwise the
     * logical date of the next attempt: where "now" keeps its microseconds, "now" again after a few random
     * milliseconds; where it does not, a random free recent second, sent at once.
     */
    private Optional<Instant> afterCollision(AirflowDialect dialect, DagRunRequest request, AirflowError error,
            int collisions, Set<Long> takenSeconds, Deadline deadline) {
        if (request.logicalDate().isPresent()) {
            throw new DagRunConflictException("DAG '" + request.dagId() + "' already has a run at logical date "
                    + request.logicalDate().get() + " (" + error.message() + ")");
        }
        if (collisions + 1 >= MAX_COLLISIONS) {
            throw collidedTooOften(request, error);
        }
        if (dialect.triggerKeepsMicroseconds()) {
            Duration wait = Duration.ofMillis(1 + random.nextLong(MICROSECOND_COLLISION_JITTER.toMillis()));
            if (!deadline.allows(wait)) {
                throw collidedTooOften(request, error);
            }
            LOG.log(Level.INFO, "run {0} of {1} collided with another run started at the same moment; retrying in "
                    + "{2} ms", request.runId(), request.dagId(), wait.toMillis());
            pause(request, wait);
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!dialect.canListRuns()) {
            takenSeconds.add(now.getEpochSecond()); // what "now" was given, as far as can be known without a list
        }
        Instant date = RecentFreeSeconds.pick(now, takenSeconds, random);
        takenSeconds.add(date.getEpochSecond());
        LOG.log(Level.INFO, "run {0} of {1} collided with another run in the same second; retrying now with "
                + "logical date {2}", request.runId(), request.dagId(), date);
        return Optional.of(date);
    }

    private static AirflowCommandException collidedTooOften(DagRunRequest request, AirflowError error) {
        return new AirflowCommandException("run '" + request.runId() + "' of DAG '" + request.dagId()
                + "' kept colliding with other runs started in the same second (" + error.message() + "); trying "
                + "again later is safe", true);
    }

    private void pause(DagRunRequest request, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MwaaUnavailableException("interrupted while waiting to retry run '" + request.runId() + "'");
        }
    }

    /** The epoch second of an ISO 8601 date as Airflow lists it, if it is one. */
    private static Optional<Long> epochSecond(String isoDate) {
        if (isoDate == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(isoDate).toEpochSecond());
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static TriggerResult logged(TriggerResult result) {
        LOG.log(Level.DEBUG, "DAG {0} run {1}: {2} (state {3})", result.run().dagId(), result.run().runId(),
                result.outcome(), result.run().state());
        return result;
    }
}
