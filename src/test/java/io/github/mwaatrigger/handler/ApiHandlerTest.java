package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.testing.CapturedLogs;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API function, fed REST API events through the Lambda runtime's own deserializers. */
class ApiHandlerTest {

    private static final String REQUEST_ID = "7c1f7d2e-request";

    private InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag", "etl_daily", "etl_hourly", "secret_dag");

    private ApiHandler handler() {
        return handler(mwaa.environment());
    }

    private ApiHandler handler(Environment environment) {
        return new ApiHandler(ApiFunctionSettings.from(environment.with("API_ALLOWED_DAGS",
                "example_dag,etl_*,ghost_dag"), new Properties()), mwaa::services, mwaa.clock());
    }

    private static APIGatewayProxyRequestEvent post(String dagId, String body) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-1-trigger-run.json");
        event.setPathParameters(Map.of("dag_id", dagId));
        event.setPath("/api/v1/dags/" + dagId + "/dagRuns");
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("Idempotency-Key");
        event.setHeaders(headers);
        event.setMultiValueHeaders(null);
        return event;
    }

    private static APIGatewayProxyRequestEvent withKey(APIGatewayProxyRequestEvent event, String key) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("idempotency-key", key);
        event.setHeaders(headers);
        return event;
    }

    private static APIGatewayProxyRequestEvent get(String dagId, String runId, Map<String, String> query) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(runId == null
                ? "events/api-4-list-runs.json" : "events/api-3-get-run.json");
        Map<String, String> parameters = new HashMap<>(Map.of("dag_id", dagId));
        if (runId != null) {
            parameters.put("dag_run_id", runId);
        }
        event.setPathParameters(parameters);
        event.setQueryStringParameters(query);
        event.setMultiValueQueryStringParameters(null);
        return event;
    }

    private static APIGatewayProxyResponseEvent call(ApiHandler handler, APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestLambdaContext(REQUEST_ID, Duration.ofSeconds(28)));
    }

    private static JsonObject body(APIGatewayProxyResponseEvent response) {
        return Json.parseObject(response.getBody(), "response body");
    }

    private static Optional<String> detail(APIGatewayProxyResponseEvent response) {
        return body(response).string("detail");
    }

    private void assertProblemWithNothingInternal(APIGatewayProxyResponseEvent response, int status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).members().keySet()).containsExactlyInAnyOrder("detail", "status", "title", "type");
        assertThat(body(response).get("status")).contains(JsonNumber.of(status));
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("Traceback")
                .doesNotContain("\tat ").doesNotContain("/usr/local").doesNotContain("in-memory");
    }

    // ---- POST /api/v1/dags/{dag_id}/dagRuns ------------------------------------------------------

    @Test
    void post_triggersARunAndAnswersWithAirflowsDagRun() {
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag",
                "{\"conf\": {\"x\": 1, \"path\": \"s3://b/k\"}, \"dag_run_id\": \"order_1\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body(response)).isEqualTo(Json.parse("""
                {"conf": {"x": 1, "path": "s3://b/k"}, "dag_id": "example_dag", "dag_run_id": "order_1",
                 "data_interval_end": null, "data_interval_start": null, "end_date": null,
                 "execution_date": "2024-06-01T08:30:00.250000+00:00", "external_trigger": true,
                 "last_scheduling_decision": null, "logical_date": "2024-06-01T08:30:00.250000+00:00", "note": null,
                 "run_type": "manual", "start_date": null, "state": "queued"}
                """));
        assertThat(body(response).members().keySet()).containsExactly("conf", "dag_id", "dag_run_id",
                "data_interval_end", "data_interval_start", "end_date", "execution_date", "external_trigger",
                "last_scheduling_decision", "logical_date", "note", "run_type", "start_date", "state");
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(created ->
                assertThat(created.conf()).isEqualTo(Json.parse("{\"x\": 1, \"path\": \"s3://b/k\"}")));
    }

    @ParameterizedTest
    @Event(value = "events/api-2-trigger-run-retried.json", type = APIGatewayProxyRequestEvent.class)
    void base64BodyFromApiGateway_isDecoded(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("api_order_1234");
            assertThat(run.conf()).isEqualTo(Json.parse("{\"order_id\": 1234, \"note\": \"it's urgent\"}"));
        });
    }

    @Test
    void bodyMarkedBase64ThatIsNotBase64_is400() {
        APIGatewayProxyRequestEvent event = post("example_dag", "not base64 at all!");
        event.setIsBase64Encoded(true);

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).contains("the body is marked base64-encoded but is not base64");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void existingDagRunIdWithoutIdempotencyKey_isAConflict() {
        ApiHandler handler = handler();
        call(handler, post("example_dag", "{\"dag_run_id\": \"r1\"}"));

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{\"dag_run_id\": \"r1\"}"));

        assertProblemWithNothingInternal(response, 409);
        assertThat(detail(response)).contains("DAGRun with DAG ID: 'example_dag' and DAGRun ID: 'r1' already exists");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @Test
    void logicalDateAnotherRunHolds_isAConflict() {
        ApiHandler handler = handler();
        call(handler, post("example_dag", "{\"dag_run_id\": \"r1\", \"logical_date\": \"2024-06-01T00:00:00Z\"}"));

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag",
                "{\"dag_run_id\": \"r2\", \"logical_date\": \"2024-06-01T00:00:00Z\"}"));

        assertProblemWithNothingInternal(response, 409);
        assertThat(detail(response)).contains("a DAG run of 'example_dag' already has this logical date");
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactly("r1");
    }

    @Test
    void sameIdempotencyKey_returnsTheSameRunAndMakesOne() {
        ApiHandler handler = handler();

        String body = "{\"conf\": {\"a\": 1}}";

        APIGatewayProxyResponseEvent first = call(handler, withKey(post("example_dag", body), "k-1"));
        mwaa.clock().advance(Duration.ofMinutes(1));
        APIGatewayProxyResponseEvent second = call(handler, withKey(post("example_dag", body), "k-1"));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(body(second).string("dag_run_id")).isEqualTo(body(first).string("dag_run_id"))
                .hasValueSatisfying(runId -> assertThat(runId).startsWith("api__k-1__"));
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @Test
    void idempotencyKeyWithADagRunId_makesTheRepeatA200() {
        ApiHandler handler = handler();
        call(handler, withKey(post("example_dag", "{\"dag_run_id\": \"chosen\"}"), "k-2"));

        APIGatewayProxyResponseEvent repeat = call(handler, withKey(post("example_dag", "{\"dag_run_id\": \"chosen\"}"),
                "k-2"));

        assertThat(repeat.getStatusCode()).isEqualTo(200);
        assertThat(body(repeat).string("dag_run_id")).contains("chosen");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u00e9t\u00e9"})
    void idempotencyKeyThatIsNotPrintableAscii_is400(String key) {
        APIGatewayProxyResponseEvent response = call(handler(), withKey(post("example_dag", "{}"), key));

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response))
                .contains("the Idempotency-Key header must be 1-255 printable ASCII characters, such as a UUID");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void postWhoseAnswerWasLost_isA200ForTheRunItMade_notAConflict() {
        ApiHandler handler = handler();
        mwaa.airflow().script(Fault.ANSWER_LOST);

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{\"dag_run_id\": \"once\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactly("once");
    }

    @Test
    void withoutIdOrKey_everyRequestMakesANewRun() {
        ApiHandler handler = handler();

        call(handler, post("example_dag", ""));
        mwaa.clock().advance(Duration.ofSeconds(1));
        call(handler, post("example_dag", "{}"));

        assertThat(mwaa.airflow().runs()).extracting(Run::runId).hasSize(2).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("api__20240601T08300[01]Z_[0-9a-f]{12}"));
    }

    @Test
    void logicalDate_goesToAirflowAsTheRunsLogicalDate_onAirflow3Too() {
        mwaa = InMemoryMwaa.running("3.0.6", "example_dag");

        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag",
                "{\"logical_date\": \"2024-06-01T08:00:00+02:00\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mwaa.airflow().commands()).singleElement().satisfies(command ->
                assertThat(command.words()).containsSubsequence("--logical-date", "2024-06-01T06:00:00+00:00"));
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run ->
                assertThat(run.logicalDate()).contains(Instant.parse("2024-06-01T06:00:00Z")));
    }

    @Test
    void hostileConfAndKey_neverChangeTheCommandSent() {
        String conf = "{\"a\": \"'; dags delete example_dag -y; echo '\", \"b\": \"$(id)\\n`x`\\\\\", "
                + "\"c\": \"-o json\"}";

        APIGatewayProxyResponseEvent response = call(handler(), withKey(post("example_dag", "{\"conf\": " + conf + "}"),
                "'; rm -rf / #"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mwaa.airflow().commands()).singleElement().satisfies(command -> {
            assertThat(command.words()).hasSize(10).startsWith("dags", "trigger", "example_dag", "-r")
                    .endsWith("--no-replace-microseconds", "-o", "json");
            assertThat(command.words().get(4)).matches("api__[A-Za-z0-9_-]+__[0-9a-f]{24}");
            assertThat(Json.parse(command.words().get(6))).isEqualTo(Json.parse(conf));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"conf\": |the request body is not valid JSON",
        "[1, 2]|the request body must be a JSON object",
        "{\"conf\": [1]}|'conf' must be a JSON object",
        "{\"dag_run_id\": 7}|'dag_run_id' must be a string",
        "{\"dag_run_id\": \"has space\"}|is not a valid run id",
        "{\"dag_run_id\": \"manual__2024\"}|which Airflow reserves for its own runs",
        "{\"logical_date\": \"yesterday\"}|'logical_date' must be an ISO 8601 date-time",
        "{\"logical_date\": \"2024-06-01T00:00:00Z\", \"execution_date\": \"2024-06-02T00:00:00Z\"}|logical_date and "
                + "execution_date differ",
        "{\"state\": \"success\"}|'state' is not a field of a DAG run request"})
    void badBody_is400SayingWhatIsWrong_beforeMwaaIsAsked(String body, String detail) {
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag", body));

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).hasValueSatisfying(d -> assertThat(d).contains(detail));
        assertThat(body(response).string("title")).contains("Bad Request");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void bodyOrConfTooLarge_is400SayingTheLimit() {
        String bigConf = "{\"conf\": {\"big\": \"" + "x".repeat(70 * 1024) + "\"}}";
        String bigBody = "{\"conf\": {\"big\": \"" + "x".repeat(200 * 1024) + "\"}}";

        APIGatewayProxyResponseEvent conf = call(handler(), post("example_dag", bigConf));
        APIGatewayProxyResponseEvent body = call(handler(), post("example_dag", bigBody));

        assertProblemWithNothingInternal(conf, 400);
        assertThat(detail(conf)).hasValueSatisfying(d -> assertThat(d).contains("at most 65536 are accepted"));
        assertProblemWithNothingInternal(body, 400);
        assertThat(detail(body)).hasValueSatisfying(d -> assertThat(d).contains("at most 131072 are accepted"));
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void confWithANumberAirflowCannotKeep_is400NamingIt_beforeMwaaIsAsked() {
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag",
                "{\"conf\": {\"limits\": {\"max\": 1e400}}}"));

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).hasValueSatisfying(d -> assertThat(d)
                .startsWith("the conf value at conf.limits.max is 1e400, beyond the largest number")
                .contains("Send it as a string"));
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void confAsDeepAsABodyCanHold_isTriggeredAndAnsweredWithIt() {
        int depth = Json.MAX_DEPTH - 1; // the body object holds the conf
        String conf = "{\"a\":".repeat(depth - 1) + "{\"leaf\":1}" + "}".repeat(depth - 1);

        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag", "{\"conf\": " + conf + "}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("conf")).contains(Json.parse(conf));
        assertThat(mwaa.airflow().commands()).as("the trigger's own answer was read").hasSize(1);
    }

    @Test
    void runCreatedButItsAnswerUnreadable_is200ForThatRun_notA502ThatInvitesASecondRun() {
        ApiHandler handler = handler();
        mwaa.airflow().script(Fault.UNREADABLE_ANSWER);

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run ->
                assertThat(body(response).string("dag_run_id")).contains(run.runId()));
    }

    /** An environment whose allowed_run_id_pattern is stricter than Airflow's refuses a run id we let through. */
    @Test
    void runIdTheEnvironmentRefuses_is400InOurWords_withAirflowsErrorOnlyInTheLogs() {
        ApiHandler handler = handler();
        mwaa.airflow().allowRunIdsMatching("^[a-z0-9_]+$");
        APIGatewayProxyResponseEvent response;
        String logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            response = call(handler, post("example_dag", "{\"dag_run_id\": \"order.1\"}"));
            logs = captured.text();
        }

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).contains("the MWAA environment refused the run id: its allowed_run_id_pattern "
                + "may be stricter than Airflow's default; give a dag_run_id it allows (letters, digits and '_' are "
                + "safest); see the function's logs for request " + REQUEST_ID);
        assertThat(logs).contains("request " + REQUEST_ID + ": Airflow refused run 'order.1' of DAG 'example_dag': "
                + "ValueError: The run_id provided 'order.1' does not match the pattern '^[a-z0-9_]+$'");
        assertThat(mwaa.airflow().runs()).isEmpty();
    }

    // ---- the allow list --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"secret_dag", "payroll", "etl"})
    void dagOutsideTheAllowList_is403BeforeMwaaIsAskedAnything(String dagId) {
        ApiHandler handler = handler(mwaa.environment().with("AIRFLOW_VERSION", "auto"));

        APIGatewayProxyResponseEvent trigger = call(handler, post(dagId, "{}"));
        APIGatewayProxyResponseEvent list = call(handler, get(dagId, null, null));
        APIGatewayProxyResponseEvent read = call(handler, get(dagId, "r1", null));

        for (APIGatewayProxyResponseEvent response : List.of(trigger, list, read)) {
            assertProblemWithNothingInternal(response, 403);
            assertThat(detail(response)).contains("this API may not reach DAG '" + dagId + "'; the DAGs it may reach "
                    + "are set by API_ALLOWED_DAGS");
        }
        assertThat(mwaa.controlPlane().calls()).isEmpty();
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/api-5-forbidden-dag.json", type = APIGatewayProxyRequestEvent.class)
    void forbiddenDagEvent_is403(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertProblemWithNothingInternal(response, 403);
        assertThat(body(response).string("title")).contains("Forbidden");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void allowedDagThatAirflowDoesNotKnow_is404() {
        ApiHandler handler = handler();

        APIGatewayProxyResponseEvent trigger = call(handler, post("ghost_dag", "{}"));
        APIGatewayProxyResponseEvent list = call(handler, get("ghost_dag", null, null));

        for (APIGatewayProxyResponseEvent response : List.of(trigger, list)) {
            assertProblemWithNothingInternal(response, 404);
            assertThat(detail(response)).contains("DAG with dag_id: 'ghost_dag' not found");
            assertThat(body(response).string("title")).contains("DAG not found");
        }
    }

    // ---- GET /api/v1/dags/{dag_id}/dagRuns[/{dag_run_id}] ----------------------------------------

    @Test
    void list_returnsRunsNewestFirst_withTheTotal_andHonoursLimitAndOffset() {
        ApiHandler handler = handler();
        for (String runId : List.of("r1", "r2", "r3")) {
            call(handler, post("etl_daily", "{\"dag_run_id\": \"" + runId + "\"}"));
            mwaa.clock().advance(Duration.ofMinutes(1));
        }

        JsonObject firstPage = body(call(handler, get("etl_daily", null, Map.of("limit", "2"))));
        JsonObject secondPage = body(call(handler, get("etl_daily", null, Map.of("limit", "2", "offset", "2"))));

        assertThat(firstPage.get("total_entries")).contains(JsonNumber.of(3));
        assertThat(runIds(firstPage)).containsExactly("r3", "r2");
        assertThat(runIds(secondPage)).containsExactly("r1");
        assertThat(((JsonArray) firstPage.get("dag_runs").orElseThrow()).elements())
                .as("list-runs does not print conf: left out, never null")
                .allSatisfy(run -> assertThat(((JsonObject) run).get("conf")).isEmpty());
    }

    private static List<String> runIds(JsonObject page) {
        return ((JsonArray) page.get("dag_runs").orElseThrow()).elements().stream()
                .map(run -> ((JsonObject) run).string("dag_run_id").orElseThrow()).toList();
    }

    @ParameterizedTest
    @Event(value = "events/api-4-list-runs.json", type = APIGatewayProxyRequestEvent.class)
    void listOfADagWithoutRuns_isEmpty(APIGatewayProxyRequestEvent event) {
        JsonObject page = body(call(handler(), event));

        assertThat(page).isEqualTo(Json.parse("{\"dag_runs\": [], \"total_entries\": 0}"));
    }

    @ParameterizedTest
    @CsvSource({"limit, 0", "limit, -1", "limit, ten", "offset, -1"})
    void badPagingParameter_is400NamingIt(String name, String value) {
        APIGatewayProxyResponseEvent response = call(handler(), get("example_dag", null, Map.of(name, value)));

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).hasValueSatisfying(d -> assertThat(d).startsWith("'" + name + "' must be a whole "
                + "number of at least"));
    }

    @Test
    void list_takesRepeatedStatesFromApiGatewaysMultiValueParameters_andSendsOneStateToListRuns() {
        ApiHandler handler = handler();
        call(handler, post("etl_daily", "{\"dag_run_id\": \"r1\"}"));
        APIGatewayProxyRequestEvent twoStates = get("etl_daily", null, null);
        twoStates.setMultiValueQueryStringParameters(Map.of("state", List.of("queued", "running"),
                "limit", List.of("5")));
        APIGatewayProxyRequestEvent oneState = get("etl_daily", null, Map.of("state", "success"));

        JsonObject queuedOrRunning = body(call(handler, twoStates));
        JsonObject succeeded = body(call(handler, oneState));

        assertThat(runIds(queuedOrRunning)).containsExactly("r1");
        assertThat(runIds(succeeded)).isEmpty();
        assertThat(mwaa.airflow().commands().get(mwaa.airflow().commands().size() - 1).words())
                .containsSubsequence("--state", "success");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "page           | 2   | unknown query parameter 'page': listing DAG runs takes limit, offset,",
        "order_by       | id  | order_by 'id' cannot be answered through the Airflow CLI, which does not print a run's id",
        "updated_at_gte | 2024-06-01T00:00:00Z | 'updated_at_gte' cannot be answered through the Airflow CLI",
        "state          | up_for_retry | 'state' must be one of queued, running, success, failed"})
    void listParameterTheCliTransportCannotAnswer_is400NamingIt_beforeMwaaIsAsked(String name, String value,
            String detail) {
        APIGatewayProxyResponseEvent response = call(handler(), get("example_dag", null, Map.of(name, value)));

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).hasValueSatisfying(d -> assertThat(d).startsWith(detail));
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void queryParametersOnARunOrATrigger_are400() {
        APIGatewayProxyRequestEvent read = get("example_dag", "r1", Map.of("fields", "state"));
        APIGatewayProxyRequestEvent trigger = post("example_dag", "{}");
        trigger.setQueryStringParameters(Map.of("dry_run", "true"));

        APIGatewayProxyResponseEvent readResponse = call(handler(), read);
        APIGatewayProxyResponseEvent triggerResponse = call(handler(), trigger);

        assertProblemWithNothingInternal(readResponse, 400);
        assertThat(detail(readResponse)).contains("unknown query parameter 'fields': reading a DAG run takes no query "
                + "parameters");
        assertProblemWithNothingInternal(triggerResponse, 400);
        assertThat(detail(triggerResponse)).contains("unknown query parameter 'dry_run': triggering a DAG run takes no "
                + "query parameters");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    /** MWAA's answer to list-runs for a DAG with a very long history is larger than the client reads. */
    @Test
    void listOfADagWithTooManyRuns_is400SayingHowToNarrowIt_andReadingARunIsA502SayingWhy() {
        ApiHandler handler = handler();
        mwaa.airflow().script(Fault.ANSWER_TOO_LARGE, Fault.ANSWER_TOO_LARGE);

        APIGatewayProxyResponseEvent list = call(handler, get("example_dag", null, null));
        APIGatewayProxyResponseEvent read = call(handler, get("example_dag", "r1", null));

        assertProblemWithNothingInternal(list, 400);
        assertThat(detail(list)).contains("DAG 'example_dag' has more runs than the Airflow CLI can list in one answer: "
                + "narrow the list with execution_date_gte and execution_date_lte (or a single state), or set "
                + "MWAA_TRANSPORT=rest (the template's Transport=rest): the REST transport pages in Airflow");
        assertProblemWithNothingInternal(read, 502);
        assertThat(detail(read)).hasValueSatisfying(d -> assertThat(d)
                .contains("so run 'r1' cannot be looked up through it: delete old runs").endsWith("(request " + REQUEST_ID
                        + ")"));
    }

    @Test
    void getRun_returnsIt_withItsConf_or404() {
        ApiHandler handler = handler();
        call(handler, post("example_dag", "{\"dag_run_id\": \"known\", \"conf\": {\"a\": [1, \"\u00e9\"]}}"));

        APIGatewayProxyResponseEvent found = call(handler, get("example_dag", "known", null));
        APIGatewayProxyResponseEvent missing = call(handler, get("example_dag", "unknown", null));

        assertThat(found.getStatusCode()).isEqualTo(200);
        assertThat(body(found).string("dag_run_id")).contains("known");
        assertThat(body(found).string("state")).contains("queued");
        assertThat(body(found).get("conf")).as("read with dags state").contains(Json.parse("{\"a\": [1, \"\u00e9\"]}"));
        assertThat(body(found).get("external_trigger")).as("a run id given by hand").contains(JsonBoolean.TRUE);
        assertThat(body(found).string("run_type")).contains("manual");
        assertProblemWithNothingInternal(missing, 404);
        assertThat(detail(missing)).contains("DAGRun with DAG ID: 'example_dag' and DAGRun ID: 'unknown' not found");
    }

    @ParameterizedTest
    @Event(value = "events/api-3-get-run.json", type = APIGatewayProxyRequestEvent.class)
    void getRunEvent_readsTheRunTheTriggerEventMade(APIGatewayProxyRequestEvent event) {
        ApiHandler handler = handler();
        call(handler, EventLoader.loadApiGatewayRestEvent("events/api-1-trigger-run.json"));

        APIGatewayProxyResponseEvent response = call(handler, event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).string("dag_run_id")).contains("api_order_1234");
    }

    /** As a REST API delivers it: the run id in the path and in the path parameters still percent-encoded. */
    @Test
    void runAirflowNamedItself_isRead_withItsIdPercentEncodedAsApiGatewayDeliversIt() {
        mwaa.airflow().run(CliCommand.of("dags", "trigger", "example_dag"), Idempotency.NOT_IDEMPOTENT,
                Deadline.after(Duration.ofSeconds(10), mwaa.clock()));
        String manualRunId = mwaa.airflow().runs().get(0).runId();
        String encoded = manualRunId.replace(":", "%3A").replace("+", "%2B");
        APIGatewayProxyRequestEvent event = get("example_dag", encoded, null);
        event.setPath("/api/v1/dags/example_dag/dagRuns/" + encoded);

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertThat(manualRunId).isEqualTo("manual__2024-06-01T08:30:00+00:00");
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).string("dag_run_id")).contains(manualRunId);
    }

    @Test
    void encodedDagId_isDecodedBeforeTheAllowListAndMwaa() {
        ApiHandler handler = handler();
        call(handler, post("etl_daily", "{\"dag_run_id\": \"r1\"}"));

        APIGatewayProxyResponseEvent response = call(handler, get("etl%5Fdaily", "r1", null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).string("dag_id")).contains("etl_daily");
    }

    @ParameterizedTest
    @CsvSource({"dag_run_id, manual__2024%3", "dag_run_id, run%zz", "dag_id, example%_dag"})
    void pathParameterThatIsNotValidlyPercentEncoded_is400NamingIt(String parameter, String value) {
        APIGatewayProxyRequestEvent event = get("example_dag", "r1", null);
        Map<String, String> parameters = new HashMap<>(event.getPathParameters());
        parameters.put(parameter, value);
        event.setPathParameters(parameters);

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("the " + parameter + " in the path is not validly percent-encoded").contains("%3A"));
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void invalidDagIdInThePath_is400() {
        APIGatewayProxyResponseEvent response = call(handler(), get("bad dag!", null, null));

        assertProblemWithNothingInternal(response, 400);
        assertThat(detail(response)).hasValueSatisfying(d -> assertThat(d).contains("is not a valid DAG id"));
    }

    // ---- routes and methods ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0} on the {1}")
    @CsvSource({"DELETE, collection, 'GET, POST'", "PUT, collection, 'GET, POST'", "POST, run, GET",
        "PATCH, run, GET"})
    void wrongMethod_is405WithAllow(String method, String resource, String allow) {
        APIGatewayProxyRequestEvent event = get("example_dag", resource.equals("run") ? "r1" : null, null);
        event.setHttpMethod(method);

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertProblemWithNothingInternal(response, 405);
        assertThat(response.getHeaders()).containsEntry("Allow", allow);
        assertThat(detail(response)).contains("this resource accepts " + allow);
    }

    @Test
    void pathOutsideTheApi_is404NamingTheResources() {
        APIGatewayProxyRequestEvent event = get("example_dag", null, null);
        event.setPathParameters(null);
        event.setPath("/api/v1/dags");

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertProblemWithNothingInternal(response, 404);
        assertThat(detail(response)).contains("no resource at /api/v1/dags; this API serves "
                + "/api/v1/dags/{dag_id}/dagRuns and /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}");
    }

    // ---- MWAA failing ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "BUSY | 503 | MWAA is busy; retry after the time in Retry-After",
        "TIMED_OUT | 504 | MWAA did not answer in time; retry later (request " + REQUEST_ID + ")",
        "FAILING | 502 | MWAA failed to run the command; retry later (request " + REQUEST_ID + ")"})
    void mwaaUnavailable_isAGatewayError_sayingWhenToRetry(Fault fault, int status, String detail) {
        ApiHandler handler = handler();
        mwaa.airflow().script(fault);

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{}"));

        assertProblemWithNothingInternal(response, status);
        assertThat(detail(response)).contains(detail);
        assertThat(response.getHeaders().containsKey("Retry-After")).isEqualTo(status == 503);
    }

    @Test
    void busyMwaa_asksTheCallerToRetryAfterFiveSeconds() {
        ApiHandler handler = handler();
        mwaa.airflow().script(Fault.BUSY);

        APIGatewayProxyResponseEvent response = call(handler, get("example_dag", null, null));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "5");
    }

    @Test
    void commandTheEnvironmentsAirflowDoesNotAccept_is502PointingToTheLogs() {
        mwaa = InMemoryMwaa.running("2.5.1", "example_dag");
        ApiHandler handler = handler(mwaa.environment().with("AIRFLOW_VERSION", "2.10.3"));

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{}"));

        assertProblemWithNothingInternal(response, 502);
        assertThat(detail(response)).contains("MWAA could not serve the request (Airflow reported an error); see the "
                + "function's logs for request " + REQUEST_ID);
        assertThat(response.getBody()).doesNotContain("AIRFLOW_VERSION").doesNotContain("unrecognized");
    }
}
