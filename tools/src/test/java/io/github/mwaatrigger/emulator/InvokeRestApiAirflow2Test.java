package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.testing.RestApiClient;
import io.github.mwaatrigger.testing.TestEmulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiMethod;

/**
 * {@code InvokeRestApi} on an Airflow 2 environment, through the AWS SDK for Java v2: Airflow's stable API
 * ({@code /api/v1}) semantics and texts, and Airflow's 4xx as {@code RestApiClientException} with the status and
 * body filled in.
 */
class InvokeRestApiAirflow2Test {

    private static final String DAG_RUNS = "/dags/example_dag/dagRuns";
    private static final String ERRORS = "https://airflow.apache.org/docs/apache-airflow/2.10.3/stable-rest-api-ref.html"
            + "#section/Errors/";

    private MwaaEmulator emulator;
    private RestApiClient client;

    @BeforeEach
    void start() {
        emulator = TestEmulator.start(AirflowVersion.of(2, 10, 3));
        client = RestApiClient.of(emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void post_createsTheRun_andAnswersAirflowsDagRun() {
        InvokeRestApiResponse response = client.post(DAG_RUNS,
                "{\"dag_run_id\": \"order_1\", \"logical_date\": \"2024-06-01T10:00:00+00:00\", "
                        + "\"conf\": {\"order\": 1, \"items\": [\"a\"]}, \"note\": \"from a test\"}");

        assertThat(response.restApiStatusCode()).isEqualTo(200);
        JsonObject run = RestApiClient.object(response.restApiResponse());
        assertThat(run.members().keySet()).containsExactly("conf", "dag_id", "dag_run_id", "data_interval_end",
                "data_interval_start", "end_date", "execution_date", "external_trigger", "last_scheduling_decision",
                "logical_date", "note", "run_type", "start_date", "state");
        assertThat(run.string("dag_id")).contains("example_dag");
        assertThat(run.string("dag_run_id")).contains("order_1");
        assertThat(run.string("logical_date")).contains("2024-06-01T10:00:00+00:00");
        assertThat(run.string("execution_date")).contains("2024-06-01T10:00:00+00:00");
        assertThat(run.string("state")).contains("queued");
        assertThat(run.string("run_type")).contains("manual");
        assertThat(run.string("note")).contains("from a test");
        assertThat(run.get("external_trigger")).contains(JsonBoolean.TRUE);
        assertThat(run.get("start_date")).contains(JsonNull.INSTANCE);
        assertThat(run.get("conf")).contains(Json.parse("{\"order\": 1, \"items\": [\"a\"]}"));
        assertThat(emulator.runs()).singleElement().satisfies(created -> {
            assertThat(created.runId()).isEqualTo("order_1");
            assertThat(created.triggeredBy()).isEqualTo(EmulatedRun.TRIGGERED_BY_REST_API);
        });
    }

    @Test
    void post_withoutARunId_makesAirflowsManualRunId() {
        JsonObject run = RestApiClient.object(client.post(DAG_RUNS, "{}").restApiResponse());

        assertThat(run.string("dag_run_id")).hasValueSatisfying(id -> assertThat(id).startsWith("manual__"));
        assertThat(run.string("dag_run_id").orElseThrow()).endsWith(run.string("logical_date").orElseThrow());
    }

    @Test
    void post_ofATakenRunId_isAirflows409InARestApiClientException() {
        client.post(DAG_RUNS, "{\"dag_run_id\": \"order_1\"}");

        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_run_id\": \"order_1\"}"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RestApiClientException");
        assertThat(e.restApiStatusCode()).isEqualTo(409);
        assertThat(RestApiClient.response(e)).isEqualTo(problem(
                "DAGRun with DAG ID: 'example_dag' and DAGRun ID: 'order_1' already exists", 409, "Conflict",
                ERRORS + "AlreadyExists"));
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void post_atATakenLogicalDate_is409NamingTheDate() {
        client.post(DAG_RUNS, "{\"dag_run_id\": \"first\", \"logical_date\": \"2024-06-01T00:00:00Z\"}");

        RestApiClientException e = catchThrowableOfType(RestApiClientException.class, () -> client.post(DAG_RUNS,
                "{\"dag_run_id\": \"second\", \"execution_date\": \"2024-06-01T00:00:00Z\"}"));

        assertThat(e.restApiStatusCode()).isEqualTo(409);
        assertThat(RestApiClient.response(e)).isEqualTo(problem("DAGRun with DAG ID: 'example_dag' and DAGRun logical "
                + "date: '2024-06-01 00:00:00+00:00' already exists", 409, "Conflict", ERRORS + "AlreadyExists"));
    }

    @Test
    void post_toAnUnknownDag_isAirflows404Problem() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post("/dags/no_such_dag/dagRuns", "{}"));

        assertThat(e.restApiStatusCode()).isEqualTo(404);
        assertThat(RestApiClient.response(e)).isEqualTo(problem("DAG with dag_id: 'no_such_dag' not found", 404,
                "DAG not found", ERRORS + "NotFound"));
    }

    @Test
    void post_withAnUnknownField_isMarshmallows400() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_run_id\": \"r\", \"confx\": {}}"));

        assertThat(e.restApiStatusCode()).isEqualTo(400);
        assertThat(RestApiClient.response(e)).isEqualTo(problem("{'confx': ['Unknown field.']}", 400, "Bad Request",
                ERRORS + "BadRequest"));
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void post_ofAReadOnlyField_orAWrongType_isConnexions400() {
        RestApiClientException readOnly = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_id\": \"example_dag\"}"));
        RestApiClientException wrongType = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"conf\": \"{}\"}"));
        RestApiClientException notADate = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"logical_date\": \"2024-06-01T00:00:00\"}"));

        assertThat(detail(readOnly)).isEqualTo("Property is read-only - 'dag_id'");
        assertThat(detail(wrongType)).isEqualTo("'{}' is not of type 'object' - 'conf'");
        assertThat(detail(notADate)).isEqualTo("'2024-06-01T00:00:00' is not a 'date-time' - 'logical_date'");
    }

    @Test
    void post_withConflictingDates_isRefused() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class, () -> client.post(DAG_RUNS,
                "{\"logical_date\": \"2024-06-01T00:00:00Z\", \"execution_date\": \"2024-06-02T00:00:00Z\"}"));

        assertThat(RestApiClient.response(e)).isEqualTo(problem("'2024-06-01T00:00:00Z' != '2024-06-02T00:00:00Z'",
                400, "logical_date conflicts with execution_date", ERRORS + "BadRequest"));
    }

    @Test
    void post_ofARunIdOutsideAirflowsPattern_is400() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_run_id\": \"has space\"}"));

        assertThat(e.restApiStatusCode()).isEqualTo(400);
        assertThat(detail(e)).startsWith("The run_id provided 'has space' does not match the pattern");
    }

    @Test
    void get_ofARun_answersIt_andOfAMissingOne_is404() {
        client.post(DAG_RUNS, "{\"dag_run_id\": \"order_1\"}");

        JsonObject run = RestApiClient.object(client.get(DAG_RUNS + "/order_1").restApiResponse());
        RestApiClientException missing = catchThrowableOfType(RestApiClientException.class,
                () -> client.get(DAG_RUNS + "/order_2"));

        assertThat(run.string("dag_run_id")).contains("order_1");
        assertThat(missing.restApiStatusCode()).isEqualTo(404);
        assertThat(RestApiClient.response(missing)).isEqualTo(problem(
                "DAGRun with DAG ID: 'example_dag' and DagRun ID: 'order_2' not found", 404, "DAGRun not found",
                ERRORS + "NotFound"));
    }

    @Test
    void list_pagesFiltersAndOrders_withV1Parameters() {
        for (int day = 1; day <= 5; day++) {
            client.post(DAG_RUNS, "{\"dag_run_id\": \"day_" + day + "\", \"logical_date\": \"2024-06-0" + day
                    + "T00:00:00Z\"}");
        }

        JsonObject page = RestApiClient.object(client.get(DAG_RUNS, "{\"limit\": 2, \"offset\": 1, "
                + "\"order_by\": \"-execution_date\", \"execution_date_gte\": \"2024-06-02T00:00:00Z\", "
                + "\"state\": [\"queued\", \"running\"]}").restApiResponse());
        JsonObject none = RestApiClient.object(client.get(DAG_RUNS, "{\"state\": \"success\"}").restApiResponse());
        JsonObject unknownDag = RestApiClient.object(client.get("/dags/no_such_dag/dagRuns").restApiResponse());

        assertThat(page.get("total_entries")).contains(Json.parse("4"));
        assertThat(runIds(page)).containsExactly("day_4", "day_3");
        assertThat(none.get("total_entries")).contains(Json.parse("0"));
        assertThat(unknownDag).isEqualTo(Json.parse("{\"dag_runs\": [], \"total_entries\": 0}"));
    }

    @Test
    void list_withABadParameter_isConnexions400() {
        RestApiClientException badLimit = catchThrowableOfType(RestApiClientException.class,
                () -> client.get(DAG_RUNS, "{\"limit\": \"ten\"}"));
        RestApiClientException badOrder = catchThrowableOfType(RestApiClientException.class,
                () -> client.get(DAG_RUNS, "{\"order_by\": \"note\"}"));

        assertThat(detail(badLimit)).isEqualTo("Wrong type, expected 'integer' for query parameter 'limit'");
        assertThat(detail(badOrder)).isEqualTo("Ordering with 'note' is disallowed or the attribute does not exist on "
                + "the model");
    }

    @Test
    void otherPathsAndMethods_areFlasks404And405() {
        RestApiClientException path = catchThrowableOfType(RestApiClientException.class, () -> client.get("/dagz"));
        RestApiClientException method = catchThrowableOfType(RestApiClientException.class,
                () -> client.invoke(RestApiMethod.PUT, DAG_RUNS, null, "{}"));

        assertThat(path.restApiStatusCode()).isEqualTo(404);
        assertThat(RestApiClient.response(path)).isEqualTo(problem("The requested URL was not found on the server. If "
                + "you entered the URL manually please check your spelling and try again.", 404, "Not Found",
                "about:blank"));
        assertThat(method.restApiStatusCode()).isEqualTo(405);
        assertThat(RestApiClient.response(method)).isEqualTo(problem(
                "The method is not allowed for the requested URL.", 405, "Method Not Allowed", "about:blank"));
    }

    private static String detail(RestApiClientException e) {
        return ((JsonObject) RestApiClient.response(e)).string("detail").orElseThrow();
    }

    private static List<String> runIds(JsonObject page) {
        return ((JsonArray) page.get("dag_runs").orElseThrow()).elements().stream()
                .map(run -> ((JsonObject) run).string("dag_run_id").orElseThrow()).toList();
    }

    private static JsonValue problem(String detail, int status, String title, String type) {
        return JsonObject.builder().put("detail", new JsonString(detail)).put("status", status).put("title", title)
                .put("type", type).build();
    }
}
