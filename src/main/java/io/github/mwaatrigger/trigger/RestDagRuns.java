package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import io.github.mwaatrigger.airflow.ListedRuns;
import io.github.mwaatrigger.airflow.RestApiDialect;
import io.github.mwaatrigger.airflow.RestApiDialects;
import io.github.mwaatrigger.mwaa.AirflowRestApi;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.InvokeRestApiGrant;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.mwaa.RestApiProblems;
import io.github.mwaatrigger.mwaa.RestApiReply;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import io.github.mwaatrigger.mwaa.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * DAG runs through Airflow's REST API, reached with MWAA's {@code InvokeRestApi} under one Airflow role:
 * {@code POST /dags/{dag_id}/dagRuns} with the caller's run id (the same run ids as the CLI transport, so
 * that switching transport never starts a second run for an event), in the body the environment's Airflow
 * takes ({@link RestApiDialect}).
 *
 * <p>A 409 means the run id or the logical date is taken. The run id is then looked up: if the run is ours,
 * the trigger is done ({@link TriggerOutcome#ALREADY_EXISTED}, or {@link TriggerOutcome#CREATED} when an
 * earlier attempt of this call may have made it); if not, another run holds the logical date: final for a
 * logical date the caller chose ({@link DagRunConflictException}), else tried again after a short jittered
 * wait (Airflow 2 stamps a run "now" to the microsecond, so such collisions are rare; Airflow 3 stamps
 * none). When the run's path is too long for {@code InvokeRestApi} (64 characters) the run id cannot be read
 * directly, and what Airflow said decides instead: see {@link #afterConflict}.
 *
 * <p>A DAG id longer than {@link #MAX_DAG_ID_LENGTH} cannot be reached at all ({@code /dags/{dag_id}/dagRuns}
 * would be too long): it is refused before anything is sent, naming the limit.
 */
public final class RestDagRuns implements DagRuns {

    /** The longest DAG id whose {@code /dags/{dag_id}/dagRuns} fits {@code InvokeRestApi}'s path. */
    public static final int MAX_DAG_ID_LENGTH = RestApiRequest.MAX_PATH_LENGTH - RestApiDialect.runsPath("").length();
    /** How many logical-date collisions in a row are retried before giving up (retryably). */
    static final int MAX_COLLISIONS = 5;
    private static final System.Logger LOG = System.getLogger(RestDagRuns.class.getName());

    private final AirflowRestApi api;
    private final RestApiDialects dialects;
    private final RestRefusals refusals;
    private final RestRunReader reader;
    private final Backoff backoff;
    private final Sleeper sleeper;

    /**
     * @param grant   the IAM grant the calls are made under, for error messages
     * @param backoff the jittered waits between logical-date collisions
     */
    public RestDagRuns(AirflowRestApi api, RestApiDialects dialects, InvokeRestApiGrant grant, Backoff backoff,
            Sleeper sleeper) {
        this.api = Objects.requireNonNull(api, "api");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
        this.refusals = new RestRefusals(grant);
        this.reader = new RestRunReader(api, refusals);
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        requireReachable(request.dagId());
        RestApiDialect dialect = dialects.dialect(deadline);
        RestApiRequest post = RestApiRequest.post(RestApiDialect.runsPath(request.dagId()),
                dialect.triggerBody(request.runId(), request.conf(), request.logicalDate()));
        boolean mayHaveRunBefore = false;
        for (int collisions = 0; ; collisions++) {
            RestApiReply reply = api.call(post, deadline);
            mayHaveRunBefore |= reply.earlierAttemptMayHaveRun();
            if (reply.isSuccess()) {
                DagRun run = dialect.readRun(reply.body(), request.dagId()).orElseGet(() -> {
                    LOG.log(Level.WARNING, "run {0} of {1} was created, but Airflow''s answer was not a DAG run",
                            request.runId(), request.dagId());
                    return DagRun.identifiedBy(request.dagId(), request.runId());
                });
                return logged(new TriggerResult(run, TriggerOutcome.CREATED));
            }
            if (reply.status() != 409) {
                throw refusals.of(reply, RestRefusals.Action.TRIGGER, dialect, request.dagId());
            }
            Optional<DagRun> ours = afterConflict(dialect, request, reply, deadline);
            if (ours.isPresent()) {
                return logged(new TriggerResult(ours.get(), mayHaveRunBefore ? TriggerOutcome.CREATED
                        : TriggerOutcome.ALREADY_EXISTED));
            }
            awaitRetry(request, reply, collisions, deadline);
        }
    }

    /**
     * After a 409: our run, if the run id is taken by it, or empty if another run holds the logical date.
     * Where the run's own path fits, it is read. Where it does not: with a logical date the caller chose, the
     * runs at that date are listed (our run id among them, or another run's); without one, on Airflow 3 a
     * 409 can only mean the run id (no logical date was sent, and none collides), and Airflow 2 says in the
     * answer whether the logical date collided. A run found to be ours but not read is read, if it is on the
     * first page of the newest runs, for its state; else it is reported by its ids.
     */
    private Optional<DagRun> afterConflict(RestApiDialect dialect, DagRunRequest request, RestApiReply conflict,
            Deadline deadline) {
        String dagId = request.dagId();
        String runId = request.runId();
        if (RestRunReader.readableByPath(dagId, runId)) {
            return reader.byPath(dialect, dagId, runId, deadline);
        }
        if (request.logicalDate().isPresent()) {
            ListedRuns atDate = reader.list(dialect, dagId, dialect.atLogicalDateQuery(request.logicalDate().get()),
                    deadline);
            Optional<DagRun> ours = atDate.runs().stream().filter(run -> run.runId().equals(runId)).findFirst();
            if (ours.isPresent() || !atDate.runs().isEmpty()) {
                return ours;
            }
        } else if (dialect.conflictNamesLogicalDate(conflict.body())) {
            return Optional.empty();
        }
        return Optional.of(newestOrIds(dialect, dagId, runId, deadline));
    }

    /** Our run as the newest page of runs shows it, or by its ids: for its state only, so best effort. */
    private DagRun newestOrIds(RestApiDialect dialect, String dagId, String runId, Deadline deadline) {
        try {
            return reader.byScanning(dialect, dagId, runId, 1, deadline).orElse(DagRun.identifiedBy(dagId, runId));
        } catch (TriggerFailure lookupFailed) {
            LOG.log(Level.WARNING, "run {0} of {1} already existed; its state could not be read: {2}", runId, dagId,
                    lookupFailed.getMessage());
            return DagRun.identifiedBy(dagId, runId);
        }
    }

    /**
     * Another run holds the logical date. With a logical date the caller chose, that is final; with "now",
     * the next attempt has another, so wait a little (jittered, so that concurrent triggers part) and retry.
     */
    private void awaitRetry(DagRunRequest request, RestApiReply conflict, int collisions, Deadline deadline) {
        String said = RestApiProblems.summary(conflict.body()).orElse("HTTP 409");
        if (request.logicalDate().isPresent()) {
            throw new DagRunConflictException("DAG '" + request.dagId() + "' already has a run at logical date "
                    + request.logicalDate().get() + " (" + said + ")");
        }
        Duration wait = backoff.delayBeforeBusy(collisions);
        if (collisions + 1 >= MAX_COLLISIONS || !deadline.allows(wait)) {
            throw new AirflowCommandException("run '" + request.runId() + "' of DAG '" + request.dagId()
                    + "' kept colliding with other runs' logical dates (" + said + ")", true);
        }
        LOG.log(Level.INFO, "run {0} of {1} collided with another run''s logical date; retrying in {2} ms",
                request.runId(), request.dagId(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MwaaUnavailableException("interrupted while waiting to retry run '" + request.runId() + "'");
        }
    }

    @Override
    public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        requireReachable(dagId);
        try {
            AirflowIds.requireRunId(runId);
        } catch (InvalidAirflowIdException e) {
            throw new InvalidDagRunRequestException(e.getMessage(), e);
        }
        RestApiDialect dialect = dialects.dialect(deadline);
        if (RestRunReader.readableByPath(dagId, runId)) {
            return reader.byPath(dialect, dagId, runId, deadline);
        }
        return reader.byScanning(dialect, dagId, runId, Integer.MAX_VALUE, deadline);
    }

    @Override
    public DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline) {
        requireReachable(dagId);
        RestApiDialect dialect = dialects.dialect(deadline);
        ListedRuns listed = reader.list(dialect, dagId, RestListQuery.of(query, dialect), deadline);
        return new DagRunPage(listed.runs(), listed.totalEntries());
    }

    /**
     * Checked before anything is asked of MWAA, the Airflow version included: a valid DAG id, short enough
     * for {@code /dags/{dag_id}/dagRuns} to fit {@code InvokeRestApi}'s path.
     */
    private static void requireReachable(String dagId) {
        try {
            AirflowIds.requireDagId(dagId);
        } catch (InvalidAirflowIdException e) {
            throw new InvalidDagRunRequestException(e.getMessage(), e);
        }
        if (dagId.length() > MAX_DAG_ID_LENGTH) {
            throw new InvalidDagRunRequestException("DAG id '" + dagId.substring(0, 40) + "...' has " + dagId.length()
                    + " characters; MWAA's InvokeRestApi takes paths of at most " + RestApiRequest.MAX_PATH_LENGTH
                    + " characters, so over the REST transport a DAG id can have at most " + MAX_DAG_ID_LENGTH
                    + ": reach this DAG with the CLI transport (MWAA_TRANSPORT=cli)");
        }
    }

    private static TriggerResult logged(TriggerResult result) {
        LOG.log(Level.DEBUG, "DAG {0} run {1}: {2} (state {3})", result.run().dagId(), result.run().runId(),
                result.outcome(), result.run().state());
        return result;
    }
}
