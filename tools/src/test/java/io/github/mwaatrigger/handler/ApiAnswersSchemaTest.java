package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.OpenApiSchemas;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API's answers over the real client stack and the emulator, on Airflow lines MWAA runs and on both
 * transports (the CLI endpoint; {@code InvokeRestApi} from Airflow 2.4.3), valid against Airflow 2.10's OpenAPI
 * schemas; a replay with an Idempotency-Key and a GET answer what the POST that made the run answered, conf
 * included (through the CLI read back with {@code dags state}).
 */
class ApiAnswersSchemaTest {

    private static final OpenApiSchemas SCHEMAS = OpenApiSchemas.airflowDagRuns();
    private static final String CONF = "{\"path\": \"s3://b/k\", \"n\": 3, \"tags\": [\"\\u00e9t\\u00e9\", null]}";

    private static APIGatewayProxyResponseEvent call(ApiHandler handler, String method, String runId, String body,
            Map<String, String> query) {
        Map<String, String> path = new HashMap<>(Map.of("dag_id", "etl_daily"));
        if (runId != null) {
            path.put("dag_run_id", runId);
        }
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod(method)
                .withPath("/api/v1/dags/etl_daily/dagRuns" + (runId == null ? "" : "/" + runId))
                .withPathParameters(path).withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(method.equals("POST") ? Map.of("Content-Type", "application/json", "Idempotency-Key",
                        "order-1") : Map.of())
                .withBody(body);
        return handler.handleRequest(event, new TestLambdaContext("schema", Duration.ofSeconds(28)));
    }

    private static JsonObject valid(APIGatewayProxyResponseEvent response, int status, String schema) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonObject body = Json.parseObject(response.getBody(), "answer");
        assertThat(SCHEMAS.violations(schema, body)).as(response.getBody()).isEmpty();
        return body;
    }

    static Stream<Arguments> linesAndTransports() {
        return Stream.of("2.5.1", "2.7.2", "2.10.3", "3.0.6")
                .flatMap(version -> Stream.of(Arguments.of(version, "cli"), Arguments.of(version, "rest")));
    }

    @ParameterizedTest(name = "Airflow {0} over {1}")
    @MethodSource("linesAndTransports")
    void everyAnswerIsValid_andAReplayAndAGetAnswerWhatThePostAnswered(String version, String transport) {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder()
                .airflowVersion(AirflowVersion.parse(version)).dags(List.of("etl_daily"))
                .runProgress(Duration.ofHours(1), Duration.ofHours(2)))) {
            ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(TestEmulator.environment(emulator)
                    .with("API_ALLOWED_DAGS", "etl_*").with("MWAA_TRANSPORT", transport), new Properties()),
                    settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());

            JsonObject created = valid(call(handler, "POST", null, "{\"conf\": " + CONF + "}", Map.of()), 200, "DAGRun");
            JsonObject replayed = valid(call(handler, "POST", null, "{\"conf\": {}}", Map.of()), 200, "DAGRun");
            String runId = created.string("dag_run_id").orElseThrow();
            JsonObject read = valid(call(handler, "GET", runId, null, Map.of()), 200, "DAGRun");
            JsonObject page = valid(call(handler, "GET", null, null, Map.of("state", "queued", "order_by",
                    "-start_date")), 200, "DAGRunCollection");
            JsonObject filtered = valid(call(handler, "GET", null, null, Map.of("state", "queued,running",
                    "execution_date_gte", "2000-01-01T00:00:00Z", "limit", "5")), 200, "DAGRunCollection");
            valid(call(handler, "GET", null, null, Map.of("fields", "state")), 400, "Error");
            if (transport.equals("cli")) {
                valid(call(handler, "GET", null, null, Map.of("order_by", "updated_at")), 400, "Error");
            }
            valid(call(handler, "GET", "nope", null, Map.of()), 404, "Error");

            assertThat(created.get("conf")).contains(Json.parse(CONF));
            assertThat(replayed).isEqualTo(created);
            assertThat(read).isEqualTo(created);
            assertThat(page.get("total_entries")).contains(io.github.mwaatrigger.json.JsonNumber.of(1));
            assertThat(filtered.get("total_entries")).as("Airflow 3 gives a triggered run no logical date: none is in range")
                    .contains(io.github.mwaatrigger.json.JsonNumber.of(version.startsWith("3") ? 0 : 1));
            assertThat(emulator.runs()).hasSize(1);
            if (transport.equals("rest")) {
                assertThat(emulator.receivedCommands()).as("no CLI command over rest").isEmpty();
            }
        }
    }
}
