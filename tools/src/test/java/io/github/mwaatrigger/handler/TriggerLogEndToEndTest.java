package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.Fault;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.testing.CapturedLogs;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TriggerLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trigger log of the real functions over loopback HTTPS against the emulator, with real CLI tokens and
 * web server faults: the attempts it counts are the requests the web server got, and the tokens it issued
 * appear nowhere in what the function printed, although the faults echo them back.
 */
class TriggerLogEndToEndTest {

    private MwaaEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("example_dag")));
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void scheduleFiringThroughFaults_isOneCreatedLine_countingEveryRequestSent_withoutAnyToken() throws IOException {
        ScheduleHandler handler = new ScheduleHandler(ScheduleFunctionSettings.from(TestEmulator.environment(emulator)
                .with("DAG_ID", "example_dag"), new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());
        emulator.injectCliFaults(new Fault.EchoHeaders(502), new Fault.Status(503, ""), new Fault.RejectToken());
        byte[] firing = Files.readAllBytes(Path.of("events/schedule-eventbridge-rule.json"));
        LocalContext context = new LocalContext("mwaa-trigger-ScheduleFunction-X1", Duration.ofSeconds(30));

        String printed;
        try (CapturedLogs captured = CapturedLogs.start()) {
            handler.handleRequest(new ByteArrayInputStream(firing), new ByteArrayOutputStream(), context);
            printed = captured.text();
        }

        assertThat(TriggerLines.in(printed)).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("CREATED");
            assertThat(line.string("Function")).contains("mwaa-trigger-ScheduleFunction-X1");
            assertThat(line.string("request_id")).contains(context.getAwsRequestId());
            assertThat(line.get("attempts")).as("three faults, then the answer").contains(JsonNumber.of(4));
            assertThat(line.get("RunsCreated")).contains(JsonNumber.of(1));
        });
        assertThat(emulator.issuedTokens()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(token -> assertThat(printed).doesNotContain(token));
    }

    @Test
    void scheduleFiringOverRestThroughA503_countsBothInvokeRestApiCalls() throws IOException {
        ScheduleHandler handler = new ScheduleHandler(ScheduleFunctionSettings.from(TestEmulator.environment(emulator)
                .with("DAG_ID", "example_dag").with("MWAA_TRANSPORT", "rest"), new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());
        emulator.injectRestApiFaults(new Fault.Status(503, "{\"detail\": \"busy\"}"));
        byte[] firing = Files.readAllBytes(Path.of("events/schedule-eventbridge-rule.json"));
        LocalContext context = new LocalContext("mwaa-trigger-ScheduleFunction-X3", Duration.ofSeconds(30));

        String printed;
        try (CapturedLogs captured = CapturedLogs.start()) {
            handler.handleRequest(new ByteArrayInputStream(firing), new ByteArrayOutputStream(), context);
            printed = captured.text();
        }

        assertThat(TriggerLines.in(printed)).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("CREATED");
            assertThat(line.get("attempts")).as("Airflow's 503, then the answer").contains(JsonNumber.of(2));
        });
        assertThat(emulator.restApiRequests()).isEqualTo(2);
        assertThat(emulator.receivedCommands()).isEmpty();
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void apiTriggerOfADagAirflowDoesNotKnow_isOneFailedLine_withBothRequestIds_andTheAnswerStays404()
            throws IOException {
        ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(TestEmulator.environment(emulator)
                .with("API_ALLOWED_DAGS", "ghost_dag"), new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());
        APIGatewayProxyRequestEvent post = EventLoader.loadApiGatewayRestEvent("events/api-1-trigger-run.json");
        post.setPathParameters(Map.of("dag_id", "ghost_dag"));
        post.setPath("/api/v1/dags/ghost_dag/dagRuns");
        Map<String, String> headers = new HashMap<>(post.getHeaders());
        headers.remove("Idempotency-Key");
        post.setHeaders(headers);
        post.setMultiValueHeaders(null);
        emulator.injectCliFaults(new Fault.EchoHeaders(502));
        LocalContext context = new LocalContext("mwaa-trigger-ApiFunction-X2", Duration.ofSeconds(28));

        String printed;
        APIGatewayProxyResponseEvent response;
        try (CapturedLogs captured = CapturedLogs.start()) {
            response = handler.handleRequest(post, context);
            printed = captured.text();
        }

        assertThat(response.getStatusCode()).isEqualTo(404);
        List<JsonObject> lines = TriggerLines.in(printed);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("FAILED");
            assertThat(line.string("failure")).contains("DagNotFoundException");
            assertThat(line.get("retryable")).isEqualTo(Optional.of(JsonBoolean.FALSE));
            assertThat(line.string("request_id")).contains(context.getAwsRequestId());
            assertThat(line.string("api_request_id")).contains(post.getRequestContext().getRequestId());
            assertThat(line.string("dag_run_id")).contains("api_order_1234");
            assertThat(line.get("attempts")).as("the echoing fault, then Airflow's answer").contains(JsonNumber.of(2));
            assertThat(line.get("RunsFailed")).contains(JsonNumber.of(1));
        });
        assertThat(emulator.issuedTokens()).isNotEmpty().allSatisfy(token -> assertThat(printed).doesNotContain(token));
    }
}
