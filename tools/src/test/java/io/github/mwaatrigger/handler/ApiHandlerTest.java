package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.Fault;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.testing.TestEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API function, fed REST API events through the Lambda runtime's own deserializers. */
class ApiHandlerTest {

    private MwaaEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private ApiHandler handler() {
        return handler(EmulatorConfig.builder().dags(List.of("example_dag", "etl_daily", "etl_hourly", "secret_dag")));
    }

    private ApiHandler handler(EmulatorConfig.Builder config) {
        emulator = TestEmulator.start(config);
        Environment environment = TestEmulator.environment(emulator)
                .with("API_ALLOWED_DAGS", "example_dag,etl_*,ghost_dag");
        return new ApiHandler(ApiFunctionSettings.from(environment, new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());
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
        return call(handler, event, Duration.ofSeconds(28));
    }

    private static APIGatewayProxyResponseEvent call(ApiHandler handler, APIGatewayProxyRequestEvent event,
            Duration timeout) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", timeout));
    }

    private static JsonObject body(APIGatewayProxyResponseEvent response) {
        return Json.parseObject(response.getBody(), "response body");
    }

    @Test
    void post_triggersARunAndAnswersWithAirflowsDagRun() {
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag",
                "{\"conf\": {\"x\": 1, \"path\": \"s3://b/k\"}, \"dag_run_id\": \"order_1\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonObject run = body(response);
        assertThat(run.members().keySet()).containsExactly("conf", "dag_id", "dag_run_id", "data_interval_end",
                "data_interval_start", "end_date", "execution_date", "external_trigger", "last_scheduling_decision",
                "logical_date", "note", "run_type", "start_date", "state");
        assertThat(run.string("dag_run_id")).contains("order_1");
        assertThat(run.string("state")).contains("queued");
        assertThat(run.string("run_type")).contains("manual");
        assertThat(run.get("external_trigger")).contains(io.github.mwaatrigger.json.JsonBoolean.TRUE);
        assertThat(run.get("conf")).contains(Json.parse("{\"x\": 1, \"path\": \"s3://b/k\"}"));
        assertThat(run.string("logical_date")).isEqualTo(run.string("execution_date"));
        assertThat(emulator.runs()).singleElement().satisfies(created ->
                assertThat(created.conf()).isEqualTo(Json.parse("{\"x\": 1, \"path\": \"s3://b/k\"}")));
    }

    @Test
    void eventFromTheEventsFolder_withItsBase64Body_isReadCorrectly() {
        ApiHandler handler = handler();

        APIGatewayProxyResponseEvent response = call(handler,
                EventLoader.loadApiGatewayRestEvent("events/api-2-trigger-run-retried.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(emulator.runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("api_order_1234");
            assertThat(run.conf()).isEqualTo(Json.parse("{\"order_id\": 1234, \"note\": \"it's urgent\"}"));
        });
    }

    @Test
    void existingDagRunIdWithoutIdempotencyKey_isAConflict() {
        ApiHandler handler = handler();
        call(handler, post("example_dag", "{\"dag_run_id\": \"r1\"}"));

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{\"dag_run_id\": \"r1\"}"));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).string("detail"))
                .contains("DAGRun with DAG ID: 'example_dag' and DAGRun ID: 'r1' already exists");
        assertThat(body(response).get("status")).contains(io.github.mwaatrigger.json.JsonNumber.of(409));
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void sameIdempotencyKey_returnsTheSameRunAndMakesOne() {
        ApiHandler handler = handler();

        APIGatewayProxyResponseEvent first = call(handler, withKey(post("example_dag", "{\"conf\": {\"a\": 1}}"), "k-1"));
        APIGatewayProxyResponseEvent second = call(handler, withKey(post("example_dag", "{\"conf\": {\"a\": 1}}"), "k-1"));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(body(second).string("dag_run_id")).isEqualTo(body(first).string("dag_run_id"));
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void idempotencyKeyWithADagRunId_makesTheRepeatA200() {
        ApiHandler handler = handler();
        call(handler, withKey(post("example_dag", "{\"dag_run_id\": \"chosen\"}"), "k-2"));

        APIGatewayProxyResponseEvent repeat = call(handler, withKey(post("example_dag", "{\"dag_run_id\": \"chosen\"}"),
                "k-2"));

        assertThat(repeat.getStatusCode()).isEqualTo(200);
        assertThat(body(repeat).string("dag_run_id")).contains("chosen");
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKey_makeOneRun() throws Exception {
        ApiHandler handler = handler();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<APIGatewayProxyResponseEvent>> responses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                responses.add(pool.submit(() -> call(handler, withKey(post("example_dag", "{}"), "same-key"))));
            }
            for (Future<APIGatewayProxyResponseEvent> response : responses) {
                assertThat(response.get().getStatusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.runs()).hasSize(1);
    }

    /**
     * Fifty requests without dag_run_id or Idempotency-Key at once, on Airflow 2.5.1 (which zeroes the
     * microseconds of "now", so one DAG gets one such run per second), through one API function whose MWAA
     * client sends at most 4 CLI commands at once, against an emulator that takes 20 ms per command and
     * also runs at most 4: every request gets its own run, inside the function's deadline, and no 502.
     */
    @Test
    void burstOfFiftyRequests_onAirflow251_allMakeTheirRun() throws Exception {
        ApiHandler handler = handler(EmulatorConfig.builder().airflowVersion(AirflowVersion.of(2, 5, 1))
                .cliCapacity(4, Duration.ofMillis(20)));
        ExecutorService callers = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayProxyResponseEvent>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                responses.add(callers.submit(() -> {
                    start.await();
                    return call(handler, post("example_dag", "{\"conf\": {\"n\": 1}}"));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<APIGatewayProxyResponseEvent> response : responses) {
                statuses.add(response.get().getStatusCode());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            callers.shutdownNow();
        }
        assertThat(emulator.runs()).hasSize(50);
        assertThat(emulator.runs()).extracting(EmulatedRun::runId).doesNotHaveDuplicates();
        assertThat(emulator.runs()).extracting(run -> run.logicalDate().orElseThrow()).doesNotHaveDuplicates();
        assertThat(emulator.mostConcurrentCliCommands()).isLessThanOrEqualTo(4);
    }

    @Test
    void postWhoseAnswerWasLost_isA200ForTheRunItMade_notAConflict() {
        ApiHandler handler = handler();
        emulator.injectCliFaults(new Fault.LoseAnswer());

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{\"dag_run_id\": \"once\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("once");
    }

    @Test
    void runsAirflowNamedItself_canBeRead() {
        ApiHandler handler = handler();
        TestEmulator.client(emulator).execute("dags trigger example_dag",
                io.github.mwaatrigger.mwaa.Idempotency.NOT_IDEMPOTENT,
                io.github.mwaatrigger.mwaa.Deadline.after(Duration.ofSeconds(10)));
        String manualRunId = emulator.runs().get(0).runId();

        APIGatewayProxyResponseEvent response = call(handler, get("example_dag", manualRunId, null));

        assertThat(manualRunId).startsWith("manual__");
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).string("dag_run_id")).contains(manualRunId);
    }

    /** As a REST API delivers it: the run id in the path and in the path parameters still percent-encoded. */
    @Test
    void runsAirflowNamedItself_canBeRead_withTheRunIdPercentEncodedAsApiGatewayDeliversIt() {
        ApiHandler handler = handler();
        TestEmulator.client(emulator).execute("dags trigger example_dag",
                io.github.mwaatrigger.mwaa.Idempotency.NOT_IDEMPOTENT,
                io.github.mwaatrigger.mwaa.Deadline.after(Duration.ofSeconds(10)));
        String manualRunId = emulator.runs().get(0).runId();
        String encoded = manualRunId.replace(":", "%3A").replace("+", "%2B");
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-3-get-run.json");
        event.setPathParameters(Map.of("dag_id", "example_dag", "dag_run_id", encoded));
        event.setPath("/api/v1/dags/example_dag/dagRuns/" + encoded);
        event.getRequestContext().setPath("/mwaa/api/v1/dags/example_dag/dagRuns/" + encoded);

        APIGatewayProxyResponseEvent response = call(handler, event);

        assertThat(manualRunId).startsWith("manual__").contains(":", "+");
        assertThat(encoded).doesNotContain(":", "+");
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

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).string("detail")).hasValueSatisfying(detail -> assertThat(detail)
                .contains("the " + parameter + " in the path is not validly percent-encoded").contains("%3A"));
        assertThat(emulator.cliTokensIssued()).isZero();
    }

    @Test
    void withoutIdOrKey_everyRequestMakesANewRun() {
        ApiHandler handler = handler();

        call(handler, post("example_dag", ""));
        call(handler, post("example_dag", "{}"));

        assertThat(emulator.runs()).hasSize(2).extracting(EmulatedRun::runId).allMatch(id -> id.startsWith("api__"));
    }

    @Test
    void logicalDate_goesToAirflowAsTheRunsLogicalDate_onAirflow3Too() {
        ApiHandler handler = handler(EmulatorConfig.builder().airflowVersion(AirflowVersion.of(3, 0, 6)));

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag",
                "{\"logical_date\": \"2024-06-01T08:00:00+02:00\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(emulator.receivedCommands()).singleElement().satisfies(command ->
                assertThat(command.words()).containsSubsequence("--logical-date", "2024-06-01T06:00:00+00:00"));
        assertThat(emulator.runs().get(0).logicalDate()).contains(java.time.Instant.parse("2024-06-01T06:00:00Z"));
    }

    @Test
    void hostileConfAndIds_neverChangeTheCommandSent() {
        ApiHandler handler = handler();
        String conf = "{\"a\": \"'; dags delete example_dag -y; echo '\", \"b\": \"$(id)\\n`x`\\\\\", \"c\": \"-o json\"}";

        APIGatewayProxyResponseEvent response = call(handler, withKey(post("example_dag", "{\"conf\": " + conf + "}"),
                "'; rm -rf / #"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(emulator.receivedCommands()).singleElement().satisfies(command -> {
            assertThat(command.words()).hasSize(10).startsWith("dags", "trigger", "example_dag", "-r")
                    .endsWith("-c", command.words().get(6), "--no-replace-microseconds", "-o", "json");
            assertThat(command.words().get(4)).matches("api__[A-Za-z0-9_-]+__[0-9a-f]{24}");
            assertThat(Json.parse(command.words().get(6))).isEqualTo(Json.parse(conf));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"conf\": |the request body is not valid JSON",
        "[1, 2]|the request body must be a JSON object",
        "{\"conf\": [1]}|'conf' must be a JSON object",
        "{\"conf\": \"x\"}|'conf' must be a JSON object",
        "{\"dag_run_id\": 7}|'dag_run_id' must be a string",
        "{\"dag_run_id\": \"has space\"}|is not a valid run id",
        "{\"dag_run_id\": \"manual__2024\"}|which Airflow reserves for its own runs",
        "{\"logical_date\": \"yesterday\"}|'logical_date' must be an ISO 8601 date-time",
        "{\"state\": \"success\"}|'state' is not a field of a DAG run request",
        "{\"conf\": {}, \"conf\": {}}|duplicate member name",
        "{\"conf\": {}} trailing|the request body is not valid JSON"})
    void badBody_is400SayingWhatIsWrong(String body, String detail) {
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).string("detail")).hasValueSatisfying(d -> assertThat(d).contains(detail));
        assertThat(body(response).string("title")).contains("Bad Request");
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    /** An environment whose allowed_run_id_pattern is stricter than Airflow's default refuses a run id we let through. */
    @Test
    void runIdTheEnvironmentRefuses_is400InOurWords_withAirflowsErrorOnlyInTheLogs() {
        ApiHandler handler = handler();
        String airflowError = "Traceback (most recent call last):\n  File \"/usr/local/airflow/.local/bin/airflow\", "
                + "line 8, in <module>\nValueError: The run_id provided 'order.1' does not match the pattern "
                + "'^[a-z0-9_]+$' or '^(?:manual|scheduled|dataset_triggered)__(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:"
                + "\\d{2}:\\d{2}\\+00:00)$'\n";
        emulator.injectCliFaults(new Fault.Status(200, "{\"stderr\": \"" + Base64.getEncoder().encodeToString(
                airflowError.getBytes(StandardCharsets.UTF_8)) + "\", \"stdout\": \"\"}"));
        APIGatewayProxyResponseEvent response;
        String logs;
        try (io.github.mwaatrigger.testing.CapturedLogs captured = io.github.mwaatrigger.testing.CapturedLogs.start()) {
            response = call(handler, post("example_dag", "{\"dag_run_id\": \"order.1\"}"));
            logs = captured.text();
        }

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).string("detail")).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("the MWAA environment refused the run id: its allowed_run_id_pattern may be stricter")
                .contains("give a dag_run_id it allows").contains("see the function's logs for request ")
                .doesNotContain("ValueError").doesNotContain("^[a-z0-9_]+$").doesNotContain("/usr/local"));
        assertNothingInternal(response);
        assertThat(logs).contains("ValueError: The run_id provided 'order.1' does not match the pattern '^[a-z0-9_]+$'");
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void bodyTooLarge_is400() {
        char[] padding = new char[200 * 1024];
        Arrays.fill(padding, 'x');
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag",
                "{\"conf\": {\"big\": \"" + new String(padding) + "\"}}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).string("detail")).hasValueSatisfying(d -> assertThat(d).contains("at most"));
    }

    @Test
    void confTooLarge_is400() {
        char[] padding = new char[70 * 1024];
        Arrays.fill(padding, 'x');
        APIGatewayProxyResponseEvent response = call(handler(), post("example_dag",
                "{\"conf\": {\"big\": \"" + new String(padding) + "\"}}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).string("detail")).hasValueSatisfying(d -> assertThat(d).contains("conf"));
    }

    @Test
    void base64BodyThatIsNotBase64_is400() {
        APIGatewayProxyRequestEvent event = post("example_dag", "not base64 at all!");
        event.setIsBase64Encoded(true);

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).string("detail")).contains("the body is marked base64-encoded but is not base64");
    }

    @Test
    void base64Body_isDecoded() {
        APIGatewayProxyRequestEvent event = post("example_dag", Base64.getEncoder().encodeToString(
                "{\"dag_run_id\": \"from_base64\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(call(handler(), event).getStatusCode()).isEqualTo(200);
        assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("from_base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret_dag", "payroll", "etl"})
    void dagOutsideTheAllowList_is403BeforeAnyCallToMwaa(String dagId) {
        ApiHandler handler = handler();

        APIGatewayProxyResponseEvent trigger = call(handler, post(dagId, "{}"));
        APIGatewayProxyResponseEvent list = call(handler, get(dagId, null, null));
        APIGatewayProxyResponseEvent read = call(handler, get(dagId, "r1", null));

        assertThat(List.of(trigger.getStatusCode(), list.getStatusCode(), read.getStatusCode())).containsOnly(403);
        assertThat(body(trigger).string("detail")).hasValueSatisfying(d -> assertThat(d).contains("API_ALLOWED_DAGS"));
        assertThat(emulator.cliTokensIssued()).isZero();
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void allowedDagThatAirflowDoesNotKnow_is404() {
        ApiHandler handler = handler();

        APIGatewayProxyResponseEvent trigger = call(handler, post("ghost_dag", "{}"));
        APIGatewayProxyResponseEvent list = call(handler, get("ghost_dag", null, null));

        assertThat(trigger.getStatusCode()).isEqualTo(404);
        assertThat(list.getStatusCode()).isEqualTo(404);
        assertThat(body(trigger).string("detail")).contains("DAG with dag_id: 'ghost_dag' not found");
        assertThat(body(trigger).string("title")).contains("DAG not found");
    }

    @Test
    void list_returnsRunsNewestFirstWithTotalAndHonoursLimit() {
        ApiHandler handler = handler();
        for (String runId : List.of("r1", "r2", "r3")) {
            call(handler, post("etl_daily", "{\"dag_run_id\": \"" + runId + "\"}"));
            pauseSoTheNextRunIsNewer();
        }

        JsonObject page = body(call(handler, get("etl_daily", null, Map.of("limit", "2"))));

        assertThat(page.get("total_entries")).contains(io.github.mwaatrigger.json.JsonNumber.of(3));
        JsonArray runs = (JsonArray) page.get("dag_runs").orElseThrow();
        assertThat(runs.elements()).extracting(run -> ((JsonObject) run).string("dag_run_id").orElseThrow())
                .containsExactly("r3", "r2");
        assertThat(runs.elements()).as("list-runs does not print conf: left out, never null")
                .allSatisfy(run -> assertThat(((JsonObject) run).get("conf")).isEmpty());
    }

    @Test
    void listOfADagWithoutRuns_isEmpty() {
        JsonObject page = body(call(handler(), get("etl_hourly", null, null)));

        assertThat(page).isEqualTo(Json.parse("{\"dag_runs\": [], \"total_entries\": 0}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten"})
    void badLimit_is400(String limit) {
        assertThat(call(handler(), get("example_dag", null, Map.of("limit", limit))).getStatusCode()).isEqualTo(400);
    }

    @Test
    void getRun_returnsItWithTheConfDagsStatePrints_or404() {
        ApiHandler handler = handler();
        call(handler, post("example_dag", "{\"dag_run_id\": \"known\", \"conf\": {\"x\": [1, \"\u00e9\"]}}"));

        APIGatewayProxyResponseEvent found = call(handler, get("example_dag", "known", null));
        APIGatewayProxyResponseEvent missing = call(handler, get("example_dag", "unknown", null));

        assertThat(found.getStatusCode()).isEqualTo(200);
        assertThat(body(found).string("dag_run_id")).contains("known");
        assertThat(body(found).string("state")).contains("queued");
        assertThat(body(found).get("conf")).contains(Json.parse("{\"x\": [1, \"\u00e9\"]}"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(body(missing).string("detail"))
                .contains("DAGRun with DAG ID: 'example_dag' and DAGRun ID: 'unknown' not found");
    }

    @ParameterizedTest(name = "{0} on the {1}")
    @CsvSource({"DELETE, collection, 'GET, POST'", "PUT, collection, 'GET, POST'", "POST, run, GET",
        "PATCH, run, GET"})
    void wrongMethod_is405WithAllow(String method, String resource, String allow) {
        APIGatewayProxyRequestEvent event = resource.equals("run") ? get("example_dag", "r1", null)
                : get("example_dag", null, null);
        event.setHttpMethod(method);

        APIGatewayProxyResponseEvent response = call(handler(), event);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", allow);
    }

    @Test
    void invalidDagIdInThePath_is400() {
        assertThat(call(handler(), get("bad dag!", null, null)).getStatusCode()).isEqualTo(400);
    }

    @Test
    void busyMwaa_is503WithRetryAfter() {
        ApiHandler handler = handler();
        Fault[] busy = new Fault[500];
        Arrays.fill(busy, Fault.status(503));
        emulator.injectCliFaults(busy);

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{}"), Duration.ofSeconds(4));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsKey("Retry-After");
        assertNothingInternal(response);
    }

    @Test
    void failingMwaa_is502() {
        ApiHandler handler = handler();
        Fault[] failing = new Fault[500];
        Arrays.fill(failing, new Fault.MalformedBody());
        emulator.injectCliFaults(failing);

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{}"), Duration.ofSeconds(4));

        assertThat(response.getStatusCode()).isEqualTo(502);
        assertNothingInternal(response);
    }

    @Test
    void slowMwaa_is504BeforeTheFunctionsTimeout() {
        ApiHandler handler = handler();
        emulator.injectCliFaults(new Fault.Delay(Duration.ofSeconds(10)));
        long start = System.nanoTime();

        APIGatewayProxyResponseEvent response = call(handler, post("example_dag", "{}"), Duration.ofSeconds(4));

        assertThat(response.getStatusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertNothingInternal(response);
    }

    private void assertNothingInternal(APIGatewayProxyResponseEvent response) {
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("127.0.0.1").doesNotContain("Bearer");
        for (String token : emulator.issuedTokens()) {
            assertThat(response.getBody()).doesNotContain(token);
        }
    }

    private static void pauseSoTheNextRunIsNewer() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
