package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.AirflowRestApi;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaRejectedException;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.mwaa.RestApiReply;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Airflow's REST API in memory, as MWAA's {@code InvokeRestApi} reaches it, over the runs of an
 * {@link InMemoryAirflow}: a run triggered through the CLI is there for the REST API and the reverse, so
 * that a test can switch transport in the middle of an event's deliveries. It answers as Airflow 2's API v1
 * or Airflow 3's v2 answers, by that version's rules:
 *
 * <ul>
 *   <li>v1 takes {@code dag_run_id}, {@code logical_date} (or {@code execution_date}), {@code conf} and
 *       {@code note}, refuses other fields with 400, stamps a run without a logical date "now" to the
 *       microsecond, and answers 409 for a taken run id <em>or</em> logical date, saying which;</li>
 *   <li>v2 requires {@code logical_date} (null allowed), refuses unknown fields with 422, and answers 409 on
 *       its database's unique constraints (run id; logical date when there is one);</li>
 *   <li>404 for an unknown DAG (v1's list answers an empty page instead) or run; 400 for a run id outside
 *       {@code allowed_run_id_pattern} (2.6.3+); 403 for what the Airflow role it acts as may not do
 *       ({@link #actAs}: Viewer may only read, Public nothing);</li>
 *   <li>Airflow before 2.4.3 cannot be reached at all: MWAA refuses the call.</li>
 * </ul>
 *
 * <p>What the REST client must survive can be scripted call by call ({@link #script}), as the client reports
 * it after its retries. Thread-safe (it locks the {@link InMemoryAirflow}).
 */
public final class InMemoryRestApi implements AirflowRestApi {

    /** What goes wrong with one call, as the REST client reports it after its retries. */
    public enum Fault {
        /** The call runs in Airflow, but its answer is lost: it is sent again, and the reply says so. */
        ANSWER_LOST,
        /** MWAA throttles every attempt until the deadline; nothing runs. */
        THROTTLED,
        /** Airflow or MWAA stays failing (5xx) until the deadline; nothing runs. */
        FAILING,
        /** Nothing answers in time until the deadline; nothing runs. */
        TIMED_OUT
    }

    private static final Pattern RUNS = Pattern.compile("/dags/([^/]+)/dagRuns");
    private static final Pattern RUN = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)");
    private static final Set<String> V1_FIELDS = Set.of("dag_run_id", "logical_date", "execution_date", "conf", "note");
    private static final Set<String> V2_FIELDS = Set.of("dag_run_id", "logical_date", "run_after",
            "data_interval_start", "data_interval_end", "conf", "note");
    private static final Set<String> MAY_TRIGGER = Set.of("Admin", "Op", "User");
    private static final Set<String> MAY_READ = Set.of("Admin", "Op", "User", "Viewer");

    private final InMemoryAirflow airflow;
    private final AirflowVersion version;
    private final List<RestApiRequest> requests = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private String role = "User";

    /** The REST API of {@code airflow}, keeping its runs there. */
    public InMemoryRestApi(InMemoryAirflow airflow) {
        this.airflow = airflow;
        this.version = airflow.version();
    }

    /** Makes it act as the Airflow role {@code role} (Admin, Op, User, Viewer, Public), as MWAA maps the grant. */
    public synchronized void actAs(String role) {
        this.role = role;
    }

    /** The next calls go wrong as {@code faults} say, one fault each, in order; later calls run normally. */
    public synchronized void script(Fault... faults) {
        this.faults.addAll(List.of(faults));
    }

    /** Every request Airflow got, in order (one whose answer was lost twice). */
    public synchronized List<RestApiRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public RestApiReply call(RestApiRequest request, Deadline deadline) {
        synchronized (airflow) {
            synchronized (this) {
                if (version.compareTo(AirflowVersion.of(2, 4, 3)) < 0) {
                    throw new MwaaRejectedException("InvokeRestApi was refused by MWAA with HTTP 400 ValidationException "
                            + "(Update your environment to use InvokeRestApi)");
                }
                Fault fault = faults.poll();
                if (fault == null) {
                    return execute(request, false);
                }
                return switch (fault) {
                    case ANSWER_LOST -> {
                        execute(request, false);
                        yield execute(request, true);
                    }
                    case THROTTLED -> throw unavailable("MWAA throttled the call", MwaaUnavailableException.Reason.BUSY);
                    case FAILING -> throw unavailable("Airflow answered HTTP 500",
                            MwaaUnavailableException.Reason.FAILING);
                    case TIMED_OUT -> throw unavailable("the call failed before an answer arrived: no answer within "
                            + "12000 ms", MwaaUnavailableException.Reason.TIMED_OUT);
                };
            }
        }
    }

    private static MwaaUnavailableException unavailable(String problem, MwaaUnavailableException.Reason reason) {
        return new MwaaUnavailableException("MWAA is unavailable: InvokeRestApi: " + problem + " (gave up after 3 "
                + "attempts, the deadline is near)", reason);
    }

    private RestApiReply execute(RestApiRequest request, boolean retried) {
        requests.add(request);
        Matcher one = RUN.matcher(request.path());
        Matcher all = RUNS.matcher(request.path());
        if (!MAY_READ.contains(role) || (request.method() == RestApiRequest.Method.POST && !MAY_TRIGGER.contains(role))) {
            return reply(403, v2() ? object("detail", "Forbidden") : problem(403, "Forbidden", null), retried);
        }
        if (one.matches() && request.method() == RestApiRequest.Method.GET) {
            return getRun(one.group(1), one.group(2), retried);
        }
        if (all.matches() && request.method() == RestApiRequest.Method.GET) {
            return listRuns(all.group(1), request.query(), retried);
        }
        if (all.matches() && request.method() == RestApiRequest.Method.POST) {
            return trigger(all.group(1), request.body().orElse(JsonObject.empty()), retried);
        }
        return reply(v2() ? 405 : 404, JsonNull.INSTANCE, retried);
    }

    private RestApiReply trigger(String dagId, JsonObject body, boolean retried) {
        Set<String> allowed = v2() ? V2_FIELDS : V1_FIELDS;
        for (String field : body.members().keySet()) {
            if (!allowed.contains(field)) {
                return reply(v2() ? 422 : 400, v2() ? validationError("extra_forbidden", field,
                        "Extra inputs are not permitted") : problem(400, "Bad Request", "{'" + field
                        + "': ['Unknown field.']}"), retried);
            }
        }
        if (v2() && body.get("logical_date").isEmpty()) {
            return reply(422, validationError("missing", "logical_date", "Field required"), retried);
        }
        if (!airflow.hasDag(dagId)) {
            return reply(404, v2() ? object("detail", "DAG with dag_id: '" + dagId + "' not found")
                    : problem(404, "DAG not found", "DAG with dag_id: '" + dagId + "' not found"), retried);
        }
        JsonObject conf = body.get("conf").orElse(JsonObject.empty()) instanceof JsonObject object ? object : null;
        if (conf == null) {
            return reply(400, problem(400, "Bad Request", "{'conf': ['Not a valid mapping type.']}"), retried);
        }
        Instant now = airflow.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> logicalDate;
        try {
            logicalDate = logicalDate(body, now);
        } catch (DateTimeParseException e) {
            return reply(v2() ? 422 : 400, problem(400, "Bad Request", "{'logical_date': ['Not a valid datetime.']}"),
                    retried);
        }
        String runId = body.string("dag_run_id").orElse("manual__" + AirflowPrintouts.isoformat(logicalDate.orElse(now)));
        Optional<RestApiReply> conflict = conflict(dagId, runId, logicalDate, retried);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        if (version.isAtLeast(2, 6, 3) && !airflow.allowedRunIds().matcher(runId).matches()) {
            return reply(400, v2() ? object("detail", "The run_id provided '" + runId + "' does not match regex pattern "
                    + "'" + airflow.allowedRunIds().pattern() + "'") : problem(400, "Bad Request", "The provided run ID '"
                    + runId + "' is invalid. It does not match the configured pattern: '"
                    + airflow.allowedRunIds().pattern() + "'"), retried);
        }
        Run run = new Run(dagId, runId, conf, logicalDate, now);
        airflow.add(run);
        return reply(200, dagRun(run), retried);
    }

    private Optional<Instant> logicalDate(JsonObject body, Instant now) {
        Optional<JsonValue> given = body.get("logical_date").or(() -> body.get("execution_date"));
        if (given.isPresent() && given.get() instanceof JsonString text) {
            return Optional.of(OffsetDateTime.parse(text.value()).toInstant().truncatedTo(ChronoUnit.MICROS));
        }
        return v2() ? Optional.empty() : Optional.of(now);
    }

    private Optional<RestApiReply> conflict(String dagId, String runId, Optional<Instant> logicalDate, boolean retried) {
        Optional<Run> taken = airflow.runsOf(dagId).stream().filter(run -> run.runId().equals(runId)
                || (logicalDate.isPresent() && run.logicalDate().equals(logicalDate))).findFirst();
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        boolean byDate = logicalDate.isPresent() && taken.get().logicalDate().equals(logicalDate);
        if (v2()) {
            String constraint = taken.get().runId().equals(runId) ? "dag_run_dag_id_run_id_key"
                    : "dag_run_dag_id_logical_date_key";
            return Optional.of(reply(409, JsonObject.builder().put("detail", JsonObject.builder()
                    .put("reason", "Unique constraint violation")
                    .put("statement", "INSERT INTO dag_run (dag_id, run_id, conf) VALUES (%(dag_id)s, ...)")
                    .put("orig_error", "duplicate key value violates unique constraint \"" + constraint + "\"")
                    .build()).build(), retried));
        }
        String detail = byDate ? "DAGRun with DAG ID: '" + dagId + "' and DAGRun logical date: '"
                + AirflowPrintouts.isoformat(logicalDate.get()).replace('T', ' ') + "' already exists"
                : "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + runId + "' already exists";
        return Optional.of(reply(409, problem(409, "Conflict", detail), retried));
    }

    private RestApiReply getRun(String dagId, String runId, boolean retried) {
        return airflow.runsOf(dagId).stream().filter(run -> run.runId().equals(runId)).findFirst()
                .map(run -> reply(200, dagRun(run), retried))
                .orElseGet(() -> reply(404, v2() ? object("detail", "The DagRun with dag_id: `" + dagId
                        + "` and run_id: `" + runId + "` was not found") : problem(404, "DAGRun not found",
                        "DAGRun with DAG ID: '" + dagId + "' and DagRun ID: '" + runId + "' not found"), retried));
    }

    /**
     * {@code GET /dags/{dag_id}/dagRuns} as the database answers it: filters on state (a parameter given as a
     * JSON array is repeated) and on date ranges (a run without the date never matches), the order asked for
     * (v1's or v2's field names; NULLs after every value, as PostgreSQL sorts; ties in creation order), the
     * count, then the page. An order field the version does not sort by is its 400.
     */
    private RestApiReply listRuns(String dagId, JsonObject query, boolean retried) {
        if (v2() && !airflow.hasDag(dagId)) {
            return reply(404, object("detail", "The DAG with dag_id: `" + dagId + "` was not found"), retried);
        }
        String orderBy = query.string("order_by").orElse("id");
        boolean descending = orderBy.startsWith("-");
        String field = descending ? orderBy.substring(1) : orderBy;
        Optional<Comparator<Run>> column = orderColumn(field);
        if (column.isEmpty()) {
            String detail = "Ordering with '" + field + "' is disallowed or the attribute does not exist on the model";
            return reply(400, v2() ? object("detail", detail) : problem(400, "Bad Request", detail), retried);
        }
        List<String> states = values(query, "state");
        String dateField = v2() ? "logical_date" : "execution_date";
        List<Run> matching = new ArrayList<>(airflow.runsOf(dagId).stream()
                .filter(run -> states.isEmpty() || states.contains(run.state()))
                .filter(run -> within(run.logicalDate(), query, dateField))
                .filter(run -> within(run.startDate(), query, "start_date"))
                .filter(run -> within(run.endDate(), query, "end_date"))
                .filter(run -> within(Optional.of(updatedAt(run)), query, "updated_at"))
                .toList());
        matching.sort(descending ? column.get().reversed() : column.get());
        int limit = Math.min(100, query.string("limit").map(Integer::parseInt).orElse(v2() ? 50 : 100));
        int offset = query.string("offset").map(Integer::parseInt).orElse(0);
        List<JsonValue> page = matching.stream().skip(offset).limit(limit).<JsonValue>map(this::dagRun).toList();
        return reply(200, JsonObject.builder().put("dag_runs", new JsonArray(page))
                .put("total_entries", matching.size()).build(), retried);
    }

    /** The comparator of order field {@code field} in this version, if it sorts by it. */
    private Optional<Comparator<Run>> orderColumn(String field) {
        List<Run> creationOrder = airflow.runs();
        Comparator<Run> byId = Comparator.comparingInt(creationOrder::indexOf);
        Comparator<Run> column = switch (field) {
            case "id" -> byId;
            case "state" -> Comparator.comparing(Run::state);
            case "dag_id" -> Comparator.comparing(Run::dagId);
            case "start_date" -> nullsLast(Run::startDate);
            case "end_date" -> nullsLast(Run::endDate);
            case "updated_at" -> Comparator.comparing(InMemoryRestApi::updatedAt);
            case "conf" -> Comparator.comparing(run -> JsonWriter.compact().write(run.conf()));
            case "execution_date" -> v2() ? null : nullsLast(Run::logicalDate);
            case "dag_run_id" -> v2() ? null : Comparator.comparing(Run::runId);
            case "external_trigger" -> v2() ? null : byId; // every run here was triggered from outside
            case "logical_date" -> v2() ? nullsLast(Run::logicalDate) : null;
            case "run_after" -> v2() ? Comparator.comparing(Run::sortDate) : null;
            case "run_id" -> v2() ? Comparator.comparing(Run::runId) : null;
            default -> null;
        };
        return Optional.ofNullable(column).map(comparator -> comparator.thenComparing(byId));
    }

    private static Comparator<Run> nullsLast(java.util.function.Function<Run, Optional<Instant>> date) {
        return Comparator.comparing(run -> date.apply(run).orElse(null), Comparator.nullsLast(Comparator.naturalOrder()));
    }

    /** When the run last changed: it ended, started or was made. */
    private static Instant updatedAt(Run run) {
        return run.endDate().or(run::startDate).orElse(run.createdAt());
    }

    /** Every value of query parameter {@code name}: a string, or each string of an array. */
    private static List<String> values(JsonObject query, String name) {
        Optional<JsonValue> value = query.get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof JsonArray array) {
            return array.elements().stream().map(element -> ((JsonString) element).value()).toList();
        }
        return List.of(((JsonString) value.get()).value());
    }

    /** Whether {@code date} is within {@code stem_gte} and {@code stem_lte}; a run without it matches no bound. */
    private static boolean within(Optional<Instant> date, JsonObject query, String stem) {
        Optional<Instant> from = query.string(stem + "_gte").map(text -> OffsetDateTime.parse(text).toInstant());
        Optional<Instant> to = query.string(stem + "_lte").map(text -> OffsetDateTime.parse(text).toInstant());
        if (from.isEmpty() && to.isEmpty()) {
            return true;
        }
        return date.filter(value -> from.isEmpty() || !value.isBefore(from.get()))
                .filter(value -> to.isEmpty() || !value.isAfter(to.get())).isPresent();
    }

    /** A run as this version's REST API writes it. */
    private JsonObject dagRun(Run run) {
        JsonValue logicalDate = run.logicalDate().<JsonValue>map(date -> new JsonString(date(date)))
                .orElse(JsonNull.INSTANCE);
        if (v2()) {
            return JsonObject.builder().put("dag_run_id", run.runId()).put("dag_id", run.dagId())
                    .put("logical_date", logicalDate).put("queued_at", date(run.createdAt()))
                    .put("start_date", optionalDate(run.startDate()))
                    .put("end_date", optionalDate(run.endDate())).putNull("data_interval_start")
                    .putNull("data_interval_end")
                    .put("run_after", date(run.sortDate())).putNull("last_scheduling_decision")
                    .put("run_type", "manual").put("state", run.state()).put("triggered_by", "rest_api")
                    .put("conf", run.conf()).putNull("note").put("dag_versions", new JsonArray(List.of()))
                    .putNull("bundle_version").put("dag_display_name", run.dagId()).build();
        }
        return JsonObject.builder().put("conf", run.conf()).put("dag_id", run.dagId()).put("dag_run_id", run.runId())
                .putNull("data_interval_end").putNull("data_interval_start")
                .put("end_date", optionalDate(run.endDate()))
                .put("execution_date", logicalDate).put("external_trigger", true).putNull("last_scheduling_decision")
                .put("logical_date", logicalDate).putNull("note").put("run_type", "manual")
                .put("start_date", optionalDate(run.startDate())).put("state", run.state()).build();
    }

    private JsonValue optionalDate(Optional<Instant> instant) {
        return instant.<JsonValue>map(value -> new JsonString(date(value))).orElse(JsonNull.INSTANCE);
    }

    private String date(Instant instant) {
        String iso = AirflowPrintouts.isoformat(instant);
        return v2() ? iso.replace("+00:00", "Z") : iso;
    }

    private boolean v2() {
        return version.major() >= 3;
    }

    private static RestApiReply reply(int status, JsonValue body, boolean retried) {
        return new RestApiReply(status, body, retried);
    }

    private static JsonObject object(String name, String value) {
        return JsonObject.builder().put(name, value).build();
    }

    /** Airflow 2's problem answer. */
    private static JsonObject problem(int status, String title, String detail) {
        return JsonObject.builder().put("detail", detail == null ? JsonNull.INSTANCE : new JsonString(detail))
                .put("status", status).put("title", title)
                .put("type", "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/"
                        + "Errors/" + title.replace(" ", "")).build();
    }

    /** Airflow 3's validation error answer (FastAPI's 422). */
    private static JsonObject validationError(String type, String field, String message) {
        return Json.parseObject("{\"detail\": [{\"type\": \"" + type + "\", \"loc\": [\"body\", \"" + field + "\"], "
                + "\"msg\": \"" + message + "\", \"input\": null}]}", "422");
    }
}
