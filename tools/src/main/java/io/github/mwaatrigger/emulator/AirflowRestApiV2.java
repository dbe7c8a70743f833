package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Airflow 3's public REST API ({@code /api/v2}) for DAG runs, as its FastAPI app answers:
 *
 * <ul>
 *   <li>the role is checked first (403 {@code {"detail": "Forbidden"}}), then the request's parameters and body
 *       (422 with pydantic's errors: the body model forbids unknown fields, and {@code logical_date} is
 *       required but may be null), then the DAG (404);</li>
 *   <li>a trigger whose run id or logical date another run holds fails on the database's unique constraint:
 *       409 {@code {"detail": {"reason": "Unique constraint violation", ...}}};</li>
 *   <li>errors are {@code {"detail": ...}}; a list of an unknown DAG is 404; {@code limit} defaults to 50 and is
 *       cut to 100; the date filters are {@code logical_date_gte} and the like ({@code execution_date_*} are
 *       ignored, as FastAPI ignores unknown parameters).</li>
 * </ul>
 */
final class AirflowRestApiV2 implements AirflowRestApi {

    private static final int DEFAULT_PAGE_LIMIT = 50;
    private static final int MAXIMUM_PAGE_LIMIT = 100;
    private static final List<String> ORDERABLE = List.of("id", "state", "dag_id", "run_id", "logical_date",
            "run_after", "start_date", "end_date", "updated_at", "conf");
    private static final List<String> DAG_RUN_STATES = List.of("queued", "running", "success", "failed");
    private static final List<String> BODY_FIELDS = List.of("dag_run_id", "data_interval_start", "data_interval_end",
            "logical_date", "run_after", "conf", "note");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AirflowSimulation airflow;
    private final AirflowVersion version;
    private final AirflowRole role;

    AirflowRestApiV2(AirflowSimulation airflow, EmulatorConfig config) {
        this.airflow = airflow;
        this.version = config.airflowVersion();
        this.role = config.airflowRole();
    }

    @Override
    public AirflowRestAnswer answer(RestApiCall call) {
        DagRunRoute route = DagRunRoute.of(call);
        if (route instanceof DagRunRoute.Collection collection) {
            if (call.method().equals("GET")) {
                return list(collection.dagId(), call);
            }
            if (call.method().equals("POST")) {
                return trigger(collection.dagId(), call.body());
            }
            return detail(405, "Method Not Allowed");
        }
        if (route instanceof DagRunRoute.Run run) {
            return call.method().equals("GET") ? get(run.dagId(), run.runId()) : detail(405, "Method Not Allowed");
        }
        return detail(404, "Not Found");
    }

    // ---- POST /dags/{dag_id}/dagRuns ---------------------------------------------------------------

    private AirflowRestAnswer trigger(String dagId, Optional<JsonValue> body) {
        if (!role.canTriggerRuns()) {
            return detail(403, "Forbidden");
        }
        if (body.isEmpty()) {
            return invalid(List.of(error("missing", List.of("body"), "Field required", JsonNull.INSTANCE)));
        }
        if (!(body.get() instanceof JsonObject fields)) {
            return invalid(List.of(error("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", body.get())));
        }
        List<JsonObject> errors = new ArrayList<>();
        stringField(fields, "dag_run_id", errors);
        Optional<Instant> intervalStart = awareDate(fields, "data_interval_start", errors);
        Optional<Instant> intervalEnd = awareDate(fields, "data_interval_end", errors);
        Optional<Instant> logicalDate = Optional.empty();
        if (fields.get("logical_date").isEmpty()) {
            errors.add(error("missing", List.of("body", "logical_date"), "Field required", fields));
        } else {
            logicalDate = awareDate(fields, "logical_date", errors);
        }
        fields.get("run_after").filter(value -> !(value instanceof JsonNull)).ifPresent(value -> {
            if (RestDates.pydantic(value) instanceof RestDates.Parsed.Invalid bad) {
                errors.add(dateError(bad, "run_after", value));
            }
        });
        fields.get("conf").ifPresent(conf -> {
            boolean nullAllowed = version.isAtLeast(3, 1, 0);
            if (!(conf instanceof JsonObject) && !(nullAllowed && conf instanceof JsonNull)) {
                errors.add(error("dict_type", List.of("body", "conf"), "Input should be a valid dictionary", conf));
            }
        });
        stringField(fields, "note", errors);
        fields.members().forEach((name, value) -> {
            if (!BODY_FIELDS.contains(name)) {
                errors.add(error("extra_forbidden", List.of("body", name), "Extra inputs are not permitted", value));
            }
        });
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        if (intervalStart.isPresent() != intervalEnd.isPresent()) {
            return invalid(List.of(JsonObject.builder()
                    .put("type", "value_error")
                    .put("loc", new JsonArray(List.of(new JsonString("body"))))
                    .put("msg", "Value error, Either both data_interval_start and data_interval_end must be provided "
                            + "or both must be None")
                    .put("input", fields)
                    .put("ctx", JsonObject.builder().put("error", JsonObject.empty()).build())
                    .build()));
        }
        if (!airflow.hasDag(dagId)) {
            return detail(404, "DAG with dag_id: '" + dagId + "' not found");
        }
        String runId = fields.string("dag_run_id").orElse(null);
        if (runId != null && !runId.isEmpty() && !AirflowSimulation.ALLOWED_RUN_ID.matcher(runId).matches()) {
            return detail(400, AirflowTexts.invalidRunId(version, runId));
        }
        JsonObject conf = fields.get("conf").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElse(JsonObject.empty());
        AirflowSimulation.Trigger result = airflow.trigger(dagId, runId == null || runId.isEmpty() ? null : runId,
                conf, logicalDate.orElse(null), false, fields.string("note").orElse(null),
                EmulatedRun.TRIGGERED_BY_REST_API);
        if (result instanceof AirflowSimulation.Trigger.Created created) {
            return new AirflowRestAnswer(200, dagRun(created.run()));
        }
        if (result instanceof AirflowSimulation.Trigger.AlreadyExists exists) {
            return uniqueViolation("dag_run_dag_id_run_id_key", "(dag_id, run_id)=(" + dagId + ", "
                    + exists.requestedRunId() + ")");
        }
        if (result instanceof AirflowSimulation.Trigger.UniqueViolation violation) {
            return uniqueViolation("dag_run_dag_id_logical_date_key", "(dag_id, logical_date)=(" + dagId + ", "
                    + AirflowTexts.str(violation.logicalDate()) + ")");
        }
        if (result instanceof AirflowSimulation.Trigger.InvalidRunId invalidRunId) {
            return detail(400, AirflowTexts.invalidRunId(version, invalidRunId.runId()));
        }
        return detail(404, "DAG with dag_id: '" + dagId + "' not found");
    }

    private static Optional<Instant> awareDate(JsonObject fields, String name, List<JsonObject> errors) {
        Optional<JsonValue> value = fields.get(name);
        if (value.isEmpty() || value.get() instanceof JsonNull) {
            return Optional.empty();
        }
        RestDates.Parsed parsed = RestDates.pydantic(value.get());
        if (parsed instanceof RestDates.Parsed.Aware aware) {
            return Optional.of(aware.instant());
        }
        if (parsed instanceof RestDates.Parsed.Naive) {
            errors.add(error("timezone_aware", List.of("body", name), "Input should have timezone info", value.get()));
        } else {
            errors.add(dateError((RestDates.Parsed.Invalid) parsed, name, value.get()));
        }
        return Optional.empty();
    }

    private static JsonObject dateError(RestDates.Parsed.Invalid bad, String name, JsonValue value) {
        JsonObject.Builder error = JsonObject.builder()
                .put("type", bad.type())
                .put("loc", new JsonArray(List.of(new JsonString("body"), new JsonString(name))))
                .put("msg", bad.message())
                .put("input", value);
        bad.error().ifPresent(reason -> error.put("ctx", JsonObject.builder().put("error", reason).build()));
        return error.build();
    }

    private static void stringField(JsonObject fields, String name, List<JsonObject> errors) {
        fields.get(name).filter(value -> !(value instanceof JsonNull) && !(value instanceof JsonString))
                .ifPresent(value -> errors.add(error("string_type", List.of("body", name), "Input should be a valid string",
                        value)));
    }

    /** What Airflow's handler for the database's {@code IntegrityError} answers. */
    private static AirflowRestAnswer uniqueViolation(String constraint, String key) {
        return new AirflowRestAnswer(409, JsonObject.builder().put("detail", JsonObject.builder()
                .put("reason", "Unique constraint violation")
                .put("statement", "INSERT INTO dag_run (dag_id, queued_at, logical_date, start_date, end_date, state, "
                        + "run_id, creating_job_id, run_type, triggered_by, conf, data_interval_start, data_interval_end, "
                        + "run_after, last_scheduling_decision, log_template_id, updated_at, clear_number, backfill_id, "
                        + "bundle_version, created_dag_version_id) VALUES (%(dag_id)s, %(queued_at)s, "
                        + "%(logical_date)s, %(start_date)s, %(end_date)s, %(state)s, %(run_id)s, %(creating_job_id)s, "
                        + "%(run_type)s, %(triggered_by)s, %(conf)s, %(data_interval_start)s, %(data_interval_end)s, "
                        + "%(run_after)s, %(last_scheduling_decision)s, %(log_template_id)s, %(updated_at)s, "
                        + "%(clear_number)s, %(backfill_id)s, %(bundle_version)s, %(created_dag_version_id)s) "
                        + "RETURNING dag_run.id")
                .put("orig_error", "duplicate key value violates unique constraint \"" + constraint + "\"\nDETAIL:  Key "
                        + key + " already exists.\n")
                .put("message", "Serious error when handling your request. Check logs for more details - you will "
                        + "find it in api server when you look for ID " + randomId())
                .build()).build());
    }

    /** {@code airflow.utils.strings.get_random_string()}: eight letters and digits. */
    private static String randomId() {
        String choices = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(choices.charAt(RANDOM.nextInt(choices.length())));
        }
        return id.toString();
    }

    // ---- GET /dags/{dag_id}/dagRuns ----------------------------------------------------------------

    private AirflowRestAnswer list(String dagId, RestApiCall call) {
        if (!role.canReadRuns()) {
            return detail(403, "Forbidden");
        }
        List<JsonObject> errors = new ArrayList<>();
        int limit = nonNegative(call, "limit", DEFAULT_PAGE_LIMIT, errors);
        int offset = nonNegative(call, "offset", 0, errors);
        List<DagRunListing.Bound> bounds = new ArrayList<>();
        for (DagRunListing.DateColumn column : DagRunListing.DateColumn.values()) {
            String prefix = column.name().toLowerCase(java.util.Locale.ROOT);
            bound(call, prefix + "_gte", column, true, bounds, errors);
            bound(call, prefix + "_lte", column, false, bounds, errors);
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        List<String> states = call.all("state");
        if (!DAG_RUN_STATES.containsAll(states)) {
            return detail(422, "Invalid value for state. Valid values are " + String.join(", ", DAG_RUN_STATES));
        }
        String orderBy = call.first("order_by").orElse("id");
        String column = orderBy.startsWith("-") ? orderBy.substring(1) : orderBy;
        String sqlColumn = column.equals("dag_run_id") ? "run_id" : column;
        if (!ORDERABLE.contains(sqlColumn)) {
            return detail(400, "Ordering with '" + column + "' is disallowed or the attribute does not exist on the model");
        }
        if (!dagId.equals("~") && !airflow.hasDag(dagId)) {
            return detail(404, "The DAG with dag_id: `" + dagId + "` was not found");
        }
        Set<String> runTypes = Set.copyOf(call.all("run_type"));
        Instant now = airflow.now();
        List<EmulatedRun> candidates = runTypes.isEmpty() || runTypes.contains("manual")
                ? airflow.runsInCreationOrder(dagId) : List.of();
        DagRunListing.Page page = DagRunListing.list(candidates, now, Set.copyOf(states), bounds,
                (orderBy.startsWith("-") ? "-" : "") + sqlColumn, offset, Math.min(limit, MAXIMUM_PAGE_LIMIT));
        List<JsonValue> runs = page.runs().stream().map(run -> (JsonValue) dagRun(run)).toList();
        return new AirflowRestAnswer(200, JsonObject.builder().put("dag_runs", new JsonArray(runs))
                .put("total_entries", page.totalEntries()).build());
    }

    private static int nonNegative(RestApiCall call, String name, int fallback, List<JsonObject> errors) {
        Optional<String> text = call.first(name);
        if (text.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.get().strip());
        } catch (NumberFormatException e) {
            errors.add(error("int_parsing", List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer", new JsonString(text.get())));
            return fallback;
        }
        if (value < 0) {
            errors.add(JsonObject.builder()
                    .put("type", "greater_than_equal")
                    .put("loc", new JsonArray(List.of(new JsonString("query"), new JsonString(name))))
                    .put("msg", "Input should be greater than or equal to 0")
                    .put("input", text.get())
                    .put("ctx", JsonObject.builder().put("ge", 0).build())
                    .build());
            return fallback;
        }
        return value;
    }

    private static void bound(RestApiCall call, String name, DagRunListing.DateColumn column, boolean atLeast,
            List<DagRunListing.Bound> bounds, List<JsonObject> errors) {
        Optional<String> text = call.first(name);
        if (text.isEmpty()) {
            return;
        }
        RestDates.Parsed parsed = RestDates.pydantic(new JsonString(text.get()));
        if (parsed instanceof RestDates.Parsed.Aware aware) {
            bounds.add(new DagRunListing.Bound(column, atLeast, aware.instant()));
        } else if (parsed instanceof RestDates.Parsed.Naive naive) {
            bounds.add(new DagRunListing.Bound(column, atLeast, naive.instant()));
        } else {
            RestDates.Parsed.Invalid bad = (RestDates.Parsed.Invalid) parsed;
            JsonObject.Builder error = JsonObject.builder()
                    .put("type", bad.type())
                    .put("loc", new JsonArray(List.of(new JsonString("query"), new JsonString(name))))
                    .put("msg", bad.message())
                    .put("input", text.get());
            bad.error().ifPresent(reason -> error.put("ctx", JsonObject.builder().put("error", reason).build()));
            errors.add(error.build());
        }
    }

    // ---- GET /dags/{dag_id}/dagRuns/{dag_run_id} ---------------------------------------------------

    private AirflowRestAnswer get(String dagId, String runId) {
        if (!role.canReadRuns()) {
            return detail(403, "Forbidden");
        }
        return airflow.run(dagId, runId)
                .map(run -> new AirflowRestAnswer(200, dagRun(run)))
                .orElseGet(() -> detail(404, "The DagRun with dag_id: `" + dagId + "` and run_id: `" + runId
                        + "` was not found"));
    }

    // ---- shapes ------------------------------------------------------------------------------------

    /** {@code DAGRunResponse}, in its fields' order (3.1 added duration, the triggering user, bundle and name). */
    private JsonObject dagRun(EmulatedRun run) {
        Instant now = airflow.now();
        boolean since31 = version.isAtLeast(3, 1, 0);
        JsonValue logicalDate = date(run.logicalDate());
        JsonObject.Builder out = JsonObject.builder()
                .put("dag_run_id", run.runId())
                .put("dag_id", run.dagId())
                .put("logical_date", logicalDate)
                .put("queued_at", date(Optional.of(run.runAfter())))
                .put("start_date", date(run.startDate(now)))
                .put("end_date", date(run.endDate(now)));
        if (since31) {
            out.put("duration", run.startDate(now).flatMap(start -> run.endDate(now)
                    .map(end -> (JsonValue) new JsonNumber(String.valueOf(Duration.between(start, end).toMillis() / 1000.0))))
                    .orElse(JsonNull.INSTANCE));
        }
        out.put("data_interval_start", logicalDate)
                .put("data_interval_end", logicalDate)
                .put("run_after", date(Optional.of(run.runAfter())))
                .putNull("last_scheduling_decision")
                .put("run_type", "manual")
                .put("state", run.state(now))
                .put("triggered_by", run.triggeredBy());
        if (since31) {
            out.put("triggering_user_name", "airflow");
        }
        out.put("conf", run.conf())
                .put("note", run.note().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE))
                .put("dag_versions", new JsonArray(List.of(dagVersion(run.dagId(), since31))));
        if (since31) {
            out.putNull("bundle_version").put("dag_display_name", run.dagId());
        }
        return out.build();
    }

    /** The one version of each DAG the emulator knows: parsed when it started. */
    private JsonObject dagVersion(String dagId, boolean since31) {
        JsonObject.Builder out = JsonObject.builder()
                .put("id", UUID.nameUUIDFromBytes(("dag-version:" + dagId).getBytes(StandardCharsets.UTF_8)).toString())
                .put("version_number", 1)
                .put("dag_id", dagId)
                .put("bundle_name", "dags-folder")
                .putNull("bundle_version")
                .put("created_at", RestDates.pydantic(airflow.dagsParsedAt()));
        if (since31) {
            out.put("dag_display_name", dagId).putNull("bundle_url");
        }
        return out.build();
    }

    private static JsonValue date(Optional<Instant> instant) {
        return instant.<JsonValue>map(value -> new JsonString(RestDates.pydantic(value))).orElse(JsonNull.INSTANCE);
    }

    private static JsonObject error(String type, List<String> location, String message, JsonValue input) {
        return JsonObject.builder()
                .put("type", type)
                .put("loc", new JsonArray(location.stream().map(part -> (JsonValue) new JsonString(part)).toList()))
                .put("msg", message)
                .put("input", input)
                .build();
    }

    /** FastAPI's answer to a {@code RequestValidationError}. */
    private static AirflowRestAnswer invalid(List<JsonObject> errors) {
        return new AirflowRestAnswer(422, JsonObject.builder().put("detail", new JsonArray(List.copyOf(errors))).build());
    }

    /** An {@code HTTPException}: {@code {"detail": "..."}}. */
    private static AirflowRestAnswer detail(int status, String detail) {
        return new AirflowRestAnswer(status, JsonObject.builder().put("detail", detail).build());
    }
}
