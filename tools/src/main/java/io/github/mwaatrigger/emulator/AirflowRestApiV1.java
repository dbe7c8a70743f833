package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Airflow 2's stable REST API ({@code /api/v1}) for DAG runs, as its connexion app answers:
 *
 * <ul>
 *   <li>the request is first checked against the OpenAPI spec (400 with jsonschema's words: a wrong type, a
 *       value that is not a {@code date-time}, a read-only property), then the role (403), then the DAG (404),
 *       then marshmallow loads the body (400 {@code {'field': ['Unknown field.']}});</li>
 *   <li>a trigger is refused with 409 when a run has the run id or the logical date
 *       ({@code post_dag_run}'s own check, before the run id's pattern is checked);</li>
 *   <li>errors are RFC 7807 problems, {@code {"detail", "status", "title", "type"}}, with Airflow's links for
 *       its own errors and {@code about:blank} for Flask's 404 and 405;</li>
 *   <li>a list of an unknown DAG is empty, not 404; {@code limit} above 100 is cut to 100.</li>
 * </ul>
 */
final class AirflowRestApiV1 implements AirflowRestApi {

    private static final int MAXIMUM_PAGE_LIMIT = 100;
    private static final List<String> ORDERABLE = List.of("id", "state", "dag_id", "execution_date", "dag_run_id",
            "start_date", "end_date", "external_trigger", "conf");
    private static final List<String> RUN_TYPES = List.of("backfill", "manual", "scheduled", "dataset_triggered");
    private static final List<String> DAG_STATES = List.of("queued", "running", "success", "failed");

    /** One property of the spec's {@code DAGRun} schema, as the request validator sees it. */
    private record Property(String name, String type, boolean nullable, boolean dateTime, boolean readOnly,
            List<String> choices) {
    }

    private final AirflowSimulation airflow;
    private final AirflowVersion version;
    private final AirflowRole role;
    private final String errorsLink;
    private final List<Property> dagRunSchema;

    AirflowRestApiV1(AirflowSimulation airflow, EmulatorConfig config) {
        this.airflow = airflow;
        this.version = config.airflowVersion();
        this.role = config.airflowRole();
        this.errorsLink = "https://airflow.apache.org/docs/apache-airflow/" + version
                + "/stable-rest-api-ref.html#section/Errors/";
        List<Property> schema = new ArrayList<>(List.of(
                new Property("dag_run_id", "string", true, false, false, List.of()),
                new Property("dag_id", "string", false, false, true, List.of()),
                new Property("logical_date", "string", true, true, false, List.of()),
                new Property("execution_date", "string", true, true, false, List.of()),
                new Property("start_date", "string", true, true, true, List.of()),
                new Property("end_date", "string", true, true, true, List.of()),
                new Property("data_interval_start", "string", true, true, false, List.of()),
                new Property("data_interval_end", "string", true, true, false, List.of()),
                new Property("last_scheduling_decision", "string", true, true, true, List.of()),
                new Property("run_type", "string", false, false, true, RUN_TYPES),
                new Property("state", "string", false, false, true, DAG_STATES),
                new Property("external_trigger", "boolean", false, false, true, List.of()),
                new Property("conf", "object", false, false, false, List.of())));
        if (hasNotes()) {
            schema.add(new Property("note", "string", true, false, false, List.of()));
        }
        this.dagRunSchema = List.copyOf(schema);
    }

    @Override
    public AirflowRestAnswer answer(RestApiCall call) {
        DagRunRoute route = DagRunRoute.of(call);
        if (route instanceof DagRunRoute.Collection collection) {
            if (call.method().equals("GET")) {
                return list(collection.dagId(), call);
            }
            if (call.method().equals("POST")) {
                return trigger(collection.dagId(), call.body().orElse(JsonNull.INSTANCE));
            }
            return methodNotAllowed();
        }
        if (route instanceof DagRunRoute.Run run) {
            return call.method().equals("GET") ? get(run.dagId(), run.runId()) : methodNotAllowed();
        }
        return problem(404, "Not Found", "The requested URL was not found on the server. If you entered the URL "
                + "manually please check your spelling and try again.", "about:blank");
    }

    // ---- POST /dags/{dag_id}/dagRuns ---------------------------------------------------------------

    private AirflowRestAnswer trigger(String dagId, JsonValue body) {
        Optional<String> invalid = specProblem(body);
        if (invalid.isPresent()) {
            return badRequest("Bad Request", invalid.get());
        }
        if (!role.canTriggerRuns()) {
            return forbidden();
        }
        if (!airflow.hasDag(dagId)) {
            return problem(404, "DAG not found", "DAG with dag_id: '" + dagId + "' not found", errorsLink + "NotFound");
        }
        JsonObject fields = (JsonObject) body;
        Optional<JsonValue> logical = fields.get("logical_date");
        Optional<JsonValue> execution = fields.get("execution_date");
        JsonValue logicalDate;
        if (logical.isEmpty() && execution.isEmpty()) {
            logicalDate = new JsonString(AirflowTexts.str(airflow.now().truncatedTo(ChronoUnit.MICROS)));
        } else if (logical.isEmpty()) {
            logicalDate = execution.get();
        } else {
            if (execution.isPresent() && !execution.get().equals(logical.get())) {
                return badRequest("logical_date conflicts with execution_date",
                        PythonRepr.of(logical.get()) + " != " + PythonRepr.of(execution.get()));
            }
            logicalDate = logical.get();
        }
        if (fields.get("dag_run_id").isEmpty() && logicalDate instanceof JsonNull) {
            return badRequest("Incorrect datetime argument", "Parser must be a string or character stream, not NoneType");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (logicalDate instanceof JsonNull) {
            errors.put("logical_date", List.of("Field may not be null."));
        }
        Set<String> loadable = new LinkedHashSet<>(List.of("dag_run_id", "logical_date", "execution_date", "conf"));
        if (hasNotes()) {
            loadable.add("note");
        }
        for (String name : fields.members().keySet()) {
            if (!loadable.contains(name)) {
                errors.put(name, List.of("Unknown field."));
            }
        }
        if (!errors.isEmpty()) {
            return badRequest("Bad Request", PythonRepr.errors(errors));
        }
        Instant date = logicalDate instanceof JsonString text
                ? RestDates.rfc3339(text.value()).orElseGet(airflow::now) : airflow.now();
        String runId = fields.string("dag_run_id").orElse(null);
        JsonObject conf = fields.get("conf").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElse(JsonObject.empty());
        String note = fields.string("note").orElse(null);
        AirflowSimulation.Trigger result = airflow.trigger(dagId, runId, conf, date, false, note,
                EmulatedRun.TRIGGERED_BY_REST_API);
        if (result instanceof AirflowSimulation.Trigger.Created created) {
            return new AirflowRestAnswer(200, dagRun(created.run()));
        }
        if (result instanceof AirflowSimulation.Trigger.AlreadyExists exists) {
            String detail = exists.byLogicalDate()
                    ? "DAGRun with DAG ID: '" + dagId + "' and DAGRun logical date: '"
                            + AirflowTexts.str(exists.requestedDate()) + "' already exists"
                    : "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + exists.requestedRunId() + "' already exists";
            return problem(409, "Conflict", detail, errorsLink + "AlreadyExists");
        }
        if (result instanceof AirflowSimulation.Trigger.InvalidRunId invalidRunId) {
            return badRequest("Bad Request", AirflowTexts.invalidRunId(version, invalidRunId.runId()));
        }
        if (result instanceof AirflowSimulation.Trigger.UniqueViolation) {
            return problem(409, "Conflict", "DAGRun with DAG ID: '" + dagId + "' and DAGRun logical date: '"
                    + AirflowTexts.str(date) + "' already exists", errorsLink + "AlreadyExists");
        }
        return problem(404, "DAG not found", "DAG with dag_id: '" + dagId + "' not found", errorsLink + "NotFound");
    }

    /** connexion's request-body check against the spec's {@code DAGRun} schema: the first problem, if any. */
    private Optional<String> specProblem(JsonValue body) {
        if (!(body instanceof JsonObject fields)) {
            return Optional.of(PythonRepr.of(body) + " is not of type 'object'");
        }
        for (Property property : dagRunSchema) {
            Optional<JsonValue> present = fields.get(property.name());
            if (present.isEmpty()) {
                continue;
            }
            JsonValue value = present.get();
            String where = " - '" + property.name() + "'";
            boolean isNull = value instanceof JsonNull;
            if (!(isNull && property.nullable()) && !hasType(value, property.type())) {
                return Optional.of(PythonRepr.of(value) + " is not of type '" + property.type() + "'" + where);
            }
            if (property.dateTime() && value instanceof JsonString text && RestDates.rfc3339(text.value()).isEmpty()) {
                return Optional.of(PythonRepr.of(value) + " is not a 'date-time'" + where);
            }
            if (property.readOnly()) {
                return Optional.of("Property is read-only" + where);
            }
        }
        return Optional.empty();
    }

    private static boolean hasType(JsonValue value, String type) {
        return switch (type) {
            case "string" -> value instanceof JsonString;
            case "object" -> value instanceof JsonObject;
            default -> value instanceof JsonBoolean;
        };
    }

    // ---- GET /dags/{dag_id}/dagRuns ----------------------------------------------------------------

    private AirflowRestAnswer list(String dagId, RestApiCall call) {
        Optional<Integer> limit;
        Optional<Integer> offset;
        List<DagRunListing.Bound> bounds = new ArrayList<>();
        try {
            limit = integer(call, "limit");
            offset = integer(call, "offset");
            if (offset.isPresent() && offset.get() < 0) {
                throw new ParameterProblem(jsonschemaError(offset.get() + " is less than the minimum of 0", "minimum",
                        "{'minimum': 0, 'type': 'integer'}", String.valueOf(offset.get())));
            }
            bound(call, "execution_date_gte", DagRunListing.DateColumn.LOGICAL_DATE, true, bounds);
            bound(call, "execution_date_lte", DagRunListing.DateColumn.LOGICAL_DATE, false, bounds);
            bound(call, "start_date_gte", DagRunListing.DateColumn.START_DATE, true, bounds);
            bound(call, "start_date_lte", DagRunListing.DateColumn.START_DATE, false, bounds);
            bound(call, "end_date_gte", DagRunListing.DateColumn.END_DATE, true, bounds);
            bound(call, "end_date_lte", DagRunListing.DateColumn.END_DATE, false, bounds);
            bound(call, "updated_at_gte", DagRunListing.DateColumn.UPDATED_AT, true, bounds);
            bound(call, "updated_at_lte", DagRunListing.DateColumn.UPDATED_AT, false, bounds);
        } catch (ParameterProblem problem) {
            return badRequest("Bad Request", problem.getMessage());
        }
        if (!role.canReadRuns()) {
            return forbidden();
        }
        int pageLimit = limit.orElse(MAXIMUM_PAGE_LIMIT);
        if (pageLimit < 0) {
            return problem(400, "Page limit must be a positive integer", null, errorsLink + "BadRequest");
        }
        pageLimit = pageLimit == 0 || pageLimit > MAXIMUM_PAGE_LIMIT ? MAXIMUM_PAGE_LIMIT : pageLimit;
        String orderBy = call.first("order_by").orElse("id");
        String column = orderBy.startsWith("-") ? orderBy.substring(1) : orderBy;
        if (!ORDERABLE.contains(column)) {
            return badRequest("Bad Request", "Ordering with '" + column
                    + "' is disallowed or the attribute does not exist on the model");
        }
        String sqlColumn = column.equals("dag_run_id") ? "run_id" : column;
        Instant now = airflow.now();
        DagRunListing.Page page = DagRunListing.list(airflow.runsInCreationOrder(dagId), now,
                Set.copyOf(call.all("state")), bounds, (orderBy.startsWith("-") ? "-" : "") + sqlColumn,
                offset.orElse(0), pageLimit);
        List<JsonValue> runs = page.runs().stream().map(run -> (JsonValue) dagRun(run)).toList();
        return new AirflowRestAnswer(200, JsonObject.builder().put("dag_runs", new JsonArray(runs))
                .put("total_entries", page.totalEntries()).build());
    }

    /** A query parameter the spec declares {@code integer}, as connexion coerces it. */
    private static Optional<Integer> integer(RestApiCall call, String name) throws ParameterProblem {
        Optional<String> text = call.first(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.get().strip()));
        } catch (NumberFormatException e) {
            throw new ParameterProblem("Wrong type, expected 'integer' for query parameter '" + name + "'");
        }
    }

    private static void bound(RestApiCall call, String name, DagRunListing.DateColumn column, boolean atLeast,
            List<DagRunListing.Bound> bounds) throws ParameterProblem {
        Optional<String> text = call.first(name);
        if (text.isEmpty()) {
            return;
        }
        Optional<Instant> instant = RestDates.rfc3339(text.get().strip());
        if (instant.isEmpty()) {
            String value = PythonRepr.of(text.get());
            throw new ParameterProblem(jsonschemaError(value + " is not a 'date-time'", "format",
                    "{'format': 'date-time', 'type': 'string'}", value));
        }
        bounds.add(new DagRunListing.Bound(column, atLeast, instant.get()));
    }

    /** {@code str(jsonschema.ValidationError)}, which connexion returns as the detail of a bad parameter. */
    private static String jsonschemaError(String message, String validator, String schema, String instance) {
        return message + "\n\nFailed validating '" + validator + "' in schema:\n    " + schema
                + "\n\nOn instance:\n    " + instance;
    }

    /** A query parameter connexion refuses. */
    private static final class ParameterProblem extends Exception {
        private static final long serialVersionUID = 1L;

        ParameterProblem(String message) {
            super(message, null, false, false);
        }
    }

    // ---- GET /dags/{dag_id}/dagRuns/{dag_run_id} ---------------------------------------------------

    private AirflowRestAnswer get(String dagId, String runId) {
        if (!role.canReadRuns()) {
            return forbidden();
        }
        return airflow.run(dagId, runId)
                .map(run -> new AirflowRestAnswer(200, dagRun(run)))
                .orElseGet(() -> problem(404, "DAGRun not found", "DAGRun with DAG ID: '" + dagId
                        + "' and DagRun ID: '" + runId + "' not found", errorsLink + "NotFound"));
    }

    // ---- shapes ------------------------------------------------------------------------------------

    /** The {@code DAGRun} schema's dump, keys sorted as Flask's JSON provider writes them. */
    private JsonObject dagRun(EmulatedRun run) {
        Instant now = airflow.now();
        JsonValue logicalDate = date(run.logicalDate().or(() -> Optional.of(run.runAfter())));
        JsonObject.Builder out = JsonObject.builder()
                .put("conf", run.conf())
                .put("dag_id", run.dagId())
                .put("dag_run_id", run.runId())
                .put("data_interval_end", logicalDate)
                .put("data_interval_start", logicalDate)
                .put("end_date", date(run.endDate(now)))
                .put("execution_date", logicalDate)
                .put("external_trigger", true)
                .putNull("last_scheduling_decision")
                .put("logical_date", logicalDate);
        if (hasNotes()) {
            out.put("note", run.note().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
        }
        return out.put("run_type", "manual")
                .put("start_date", date(run.startDate(now)))
                .put("state", run.state(now))
                .build();
    }

    private static JsonValue date(Optional<Instant> instant) {
        return instant.<JsonValue>map(value -> new JsonString(AirflowTexts.isoformat(value))).orElse(JsonNull.INSTANCE);
    }

    private boolean hasNotes() {
        return version.isAtLeast(2, 5, 0);
    }

    private AirflowRestAnswer forbidden() {
        return problem(403, "Forbidden", null, errorsLink + "PermissionDenied");
    }

    private AirflowRestAnswer badRequest(String title, String detail) {
        return problem(400, title, detail, errorsLink + "BadRequest");
    }

    private static AirflowRestAnswer methodNotAllowed() {
        return problem(405, "Method Not Allowed", "The method is not allowed for the requested URL.", "about:blank");
    }

    /** connexion's {@code problem()}: {@code detail} is written even when it is None. */
    private static AirflowRestAnswer problem(int status, String title, String detail, String type) {
        return new AirflowRestAnswer(status, JsonObject.builder()
                .put("detail", detail == null ? JsonNull.INSTANCE : new JsonString(detail))
                .put("status", JsonNumber.of(status))
                .put("title", title)
                .put("type", type)
                .build());
    }
}
