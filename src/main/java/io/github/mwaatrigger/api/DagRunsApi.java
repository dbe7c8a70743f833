package io.github.mwaatrigger.api;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.trigger.AirflowCommandException;
import io.github.mwaatrigger.trigger.AirflowRefusedArgumentException;
import io.github.mwaatrigger.trigger.DagNotFoundException;
import io.github.mwaatrigger.trigger.DagRunConflictException;
import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunPage;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.InvalidDagRunRequestException;
import io.github.mwaatrigger.trigger.TooManyRunsException;
import io.github.mwaatrigger.trigger.UnanswerableQueryException;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerRecorder;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DAG-run part of Airflow's stable REST API, served through MWAA CLI tokens:
 *
 * <ul>
 *   <li>{@code POST /api/v1/dags/{dag_id}/dagRuns} triggers a run (200 with the DAGRun; 409 if the
 *       {@code dag_run_id} exists, unless the request carries an {@code Idempotency-Key});</li>
 *   <li>{@code GET /api/v1/dags/{dag_id}/dagRuns} lists runs, newest first unless {@code order_by} says
 *       otherwise, with Airflow's query parameters ({@link DagRunListParameters}); a parameter the
 *       transport cannot answer is a 400 naming it, never ignored;</li>
 *   <li>{@code GET /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}} reads one run.</li>
 * </ul>
 *
 * <p>Only DAGs in {@link AllowedDags} can be reached, decided before MWAA is asked anything; no other CLI
 * command can be run. Errors come in Airflow's problem shape and never carry internal details.
 */
public final class DagRunsApi {

    static final String COLLECTION = "/api/v1/dags/{dag_id}/dagRuns";
    static final String ITEM = "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}";
    /** The resources, as API Gateway names them: the template wires exactly these. */
    public static final List<String> RESOURCES = List.of(COLLECTION, ITEM);

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_LIMIT = 100;
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final System.Logger LOG = System.getLogger(DagRunsApi.class.getName());

    private final DagRuns runs;
    private final AllowedDags allowed;
    private final Clock clock;

    public DagRunsApi(DagRuns runs, AllowedDags allowed, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Serves {@code request}, finishing before {@code deadline}. */
    public ApiResponse handle(ApiRequest request, Deadline deadline) {
        return handle(request, deadline, TriggerRecorder.NONE);
    }

    /** Serves {@code request}, finishing before {@code deadline}; a trigger it makes is recorded by {@code recorder}. */
    public ApiResponse handle(ApiRequest request, Deadline deadline, TriggerRecorder recorder) {
        try {
            return route(request, deadline, recorder);
        } catch (BadRequestException | InvalidDagRunRequestException | InvalidAirflowIdException
                | UnanswerableQueryException e) {
            return ApiResponse.problem(Problem.badRequest(e.getMessage()));
        } catch (TooManyRunsException e) {
            LOG.log(Level.WARNING, "request {0}: {1}", request.requestId(), e.getMessage());
            return ApiResponse.problem(Problem.badGateway(e.getMessage() + " (request " + request.requestId() + ")"));
        } catch (AirflowRefusedArgumentException e) {
            LOG.log(Level.WARNING, "request {0}: {1}", request.requestId(), e.getMessage());
            return ApiResponse.problem(Problem.badRequest(airflowRefused(request)));
        } catch (DagNotFoundException e) {
            return ApiResponse.problem(Problem.notFound("DAG not found", "DAG with dag_id: '" + dagIdOf(request)
                    + "' not found"));
        } catch (DagRunConflictException e) {
            return ApiResponse.problem(Problem.conflict("a DAG run of '" + dagIdOf(request) + "' already has this "
                    + "logical date"));
        } catch (MwaaUnavailableException e) {
            LOG.log(Level.WARNING, "request {0}: MWAA unavailable ({1}): {2}", request.requestId(), e.reason(),
                    e.getMessage());
            return ApiResponse.problem(switch (e.reason()) {
                case BUSY -> Problem.unavailable("MWAA is busy; retry after the time in Retry-After", RETRY_AFTER_SECONDS);
                case TIMED_OUT -> Problem.gatewayTimeout("MWAA did not answer in time; retry later (request "
                        + request.requestId() + ")");
                case FAILING -> Problem.badGateway("MWAA failed to run the command; retry later (request "
                        + request.requestId() + ")");
            });
        } catch (TriggerFailure e) {
            LOG.log(Level.WARNING, "request {0}: {1}: {2}", request.requestId(), e.getClass().getSimpleName(),
                    e.getMessage());
            return ApiResponse.problem(Problem.badGateway("MWAA could not serve the request" + (e instanceof
                    AirflowCommandException ? " (Airflow reported an error)" : "") + "; see the function's logs for "
                    + "request " + request.requestId()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request " + request.requestId() + " failed", e);
            return ApiResponse.problem(Problem.internalError("unexpected error; see the function's logs for request "
                    + request.requestId()));
        }
    }

    private ApiResponse route(ApiRequest request, Deadline deadline, TriggerRecorder recorder) {
        Optional<String[]> ids = ids(request);
        if (ids.isEmpty()) {
            return ApiResponse.problem(Problem.notFound("Not Found", "no resource at " + request.path()
                    + "; this API serves " + String.join(" and ", RESOURCES)));
        }
        String dagId = ids.get()[0];
        String runId = ids.get()[1];
        String method = request.method();
        if (runId == null && !method.equals("POST") && !method.equals("GET")) {
            return ApiResponse.problem(Problem.methodNotAllowed("GET, POST"));
        }
        if (runId != null && !method.equals("GET")) {
            return ApiResponse.problem(Problem.methodNotAllowed("GET"));
        }
        AirflowIds.requireDagId(dagId);
        if (!allowed.allows(dagId)) {
            return ApiResponse.problem(Problem.forbidden("this API may not reach DAG '" + dagId + "'; the DAGs it may "
                    + "reach are set by API_ALLOWED_DAGS"));
        }
        if (runId != null) {
            AirflowIds.requireRunId(runId);
            DagRunListParameters.requireNone(request.query(), "reading a DAG run");
            return getRun(dagId, runId, deadline);
        }
        if (method.equals("POST")) {
            DagRunListParameters.requireNone(request.query(), "triggering a DAG run");
            return trigger(dagId, request, deadline, recorder);
        }
        return listRuns(dagId, request, deadline);
    }

    private ApiResponse trigger(String dagId, ApiRequest request, Deadline deadline, TriggerRecorder recorder) {
        TriggerRequestBody body = TriggerRequestBody.parse(request.body());
        Optional<String> key = idempotencyKey(request);
        boolean ourRunId = body.dagRunId().isEmpty();
        String runId = body.dagRunId().orElseGet(() -> key.map(ApiRunIds::forIdempotencyKey)
                .orElseGet(() -> ApiRunIds.unique(clock)));
        body.note().ifPresent(note -> LOG.log(Level.INFO, "request {0}: the note is not kept (MWAA's CLI cannot set "
                + "notes)", request.requestId()));
        DagRunRequest run = new DagRunRequest(dagId, runId, body.conf(), body.logicalDate());
        TriggerResult result = recorder.record(run, () -> runs.trigger(run, deadline));
        LOG.log(Level.INFO, "request {0}: DAG {1} run {2}: {3}", request.requestId(), dagId, runId, result.outcome());
        if (result.outcome() == TriggerOutcome.ALREADY_EXISTED && key.isEmpty() && !ourRunId) {
            return ApiResponse.problem(Problem.conflict("DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + runId
                    + "' already exists"));
        }
        return ApiResponse.json(200, DagRunJson.of(result.run()));
    }

    private ApiResponse listRuns(String dagId, ApiRequest request, Deadline deadline) {
        DagRunListQuery query = DagRunListParameters.parse(request.query());
        DagRunPage page;
        try {
            page = runs.list(dagId, query, deadline);
        } catch (TooManyRunsException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<JsonValue> listed = page.runs().stream().<JsonValue>map(DagRunJson::of).toList();
        return ApiResponse.json(200, JsonObject.builder().put("dag_runs", new JsonArray(listed))
                .put("total_entries", page.totalEntries()).build());
    }

    private ApiResponse getRun(String dagId, String runId, Deadline deadline) {
        return runs.run(dagId, runId, deadline)
                .map(run -> ApiResponse.json(200, DagRunJson.of(run)))
                .orElseGet(() -> ApiResponse.problem(Problem.notFound("DAGRun not found", "DAGRun with DAG ID: '" + dagId
                        + "' and DAGRun ID: '" + runId + "' not found")));
    }

    /** Our words for a value Airflow refused (its own error line stays in the logs: it is not for callers). */
    private static String airflowRefused(ApiRequest request) {
        String see = "; see the function's logs for request " + request.requestId();
        if (request.method().equals("POST")) {
            return "the MWAA environment refused the run id: its allowed_run_id_pattern may be stricter than "
                    + "Airflow's default; give a dag_run_id it allows (letters, digits and '_' are safest)" + see;
        }
        return "the MWAA environment refused to read the runs of DAG '" + dagIdOf(request) + "'" + see;
    }

    private static Optional<String> idempotencyKey(ApiRequest request) {
        Optional<String> key = request.header(IDEMPOTENCY_KEY);
        if (key.isPresent() && (key.get().isEmpty() || key.get().length() > ApiRunIds.MAX_KEY_LENGTH
                || !key.get().chars().allMatch(c -> c >= 0x20 && c <= 0x7e))) {
            throw new BadRequestException("the Idempotency-Key header must be 1-" + ApiRunIds.MAX_KEY_LENGTH
                    + " printable ASCII characters, such as a UUID");
        }
        return key;
    }

    /** The DAG id and run id (or null) the request addresses, from its path parameters. */
    private static Optional<String[]> ids(ApiRequest request) {
        String dagId = request.pathParameters().get("dag_id");
        if (dagId == null) {
            return Optional.empty();
        }
        return Optional.of(new String[] {dagId, request.pathParameters().get("dag_run_id")});
    }

    private static String dagIdOf(ApiRequest request) {
        return ids(request).map(ids -> ids[0]).orElse("");
    }
}
