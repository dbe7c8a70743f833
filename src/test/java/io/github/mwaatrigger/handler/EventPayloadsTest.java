package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every payload in {@code events/} (the ones the README tells people to send with {@code sam local invoke})
 * goes through the function that takes its kind of event, read as the Lambda runtime reads it: in name
 * order, one warm instance per function, configured as the demo configures the template's functions. A
 * payload added without saying what it should do fails here.
 */
class EventPayloadsTest {

    private static final Path EVENTS = Path.of("events");

    private final InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag", "nightly_report");
    private final Environment environment = mwaa.environment().with("DAG_ID", "example_dag")
            .with("API_ALLOWED_DAGS", "example_dag");
    private final S3UploadHandler uploads = new S3UploadHandler(
            UploadFunctionSettings.from(environment, new Properties()), mwaa::services, mwaa.clock());
    private final ScheduleHandler schedules = new ScheduleHandler(
            ScheduleFunctionSettings.from(environment, new Properties()), mwaa::services, mwaa.clock());
    private final ApiHandler api = new ApiHandler(
            ApiFunctionSettings.from(environment, new Properties()), mwaa::services, mwaa.clock());

    @Test
    void everyPayload_isHandledByTheFunctionForItsKind_asTheReadmeSays() throws IOException {
        Map<String, String> outcomes = new TreeMap<>();
        for (Path payload : payloads()) {
            outcomes.put(payload.getFileName().toString(), handle(payload));
        }

        assertThat(outcomes).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("api-1-trigger-run.json", "HTTP 200 api_order_1234"),
                Map.entry("api-2-trigger-run-retried.json", "HTTP 200 api_order_1234"),
                Map.entry("api-3-get-run.json", "HTTP 200 api_order_1234"),
                Map.entry("api-4-list-runs.json", "HTTP 200 1 runs"),
                Map.entry("api-5-forbidden-dag.json", "HTTP 403 Forbidden"),
                Map.entry("s3-eventbridge-object-created.json",
                        "1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed"),
                Map.entry("s3-put-batch.json", "3 objects: 3 created, 0 already existed, 0 unrouted, 0 failed"),
                Map.entry("s3-put.json", "1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed"),
                Map.entry("s3-redelivery.json", "1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed"),
                Map.entry("s3-reupload.json", "1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed"),
                Map.entry("s3-test-event.json", "0 objects"),
                Map.entry("schedule-eventbridge-rule.json", "example_dag CREATED"),
                Map.entry("schedule-scheduler.json", "nightly_report CREATED"))));
        assertThat(mwaa.airflow().runs()).hasSize(9);
    }

    private static List<Path> payloads() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** What the function answered, in short. */
    private String handle(Path payload) throws IOException {
        String name = payload.getFileName().toString();
        if (name.startsWith("s3-")) {
            return S3UploadHandlerTest.invoke(uploads, payload.toString());
        }
        if (name.startsWith("api-")) {
            APIGatewayProxyResponseEvent response = api.handleRequest(
                    EventLoader.loadApiGatewayRestEvent(payload.toString()), TestLambdaContext.invocation());
            JsonObject body = Json.parseObject(response.getBody(), name);
            return "HTTP " + response.getStatusCode() + " " + body.string("dag_run_id").or(() -> body.string("title"))
                    .orElseGet(() -> ((JsonArray) body.get("dag_runs").orElseThrow())
                            .elements().size() + " runs");
        }
        if (name.startsWith("schedule-")) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream input = Files.newInputStream(payload)) {
                schedules.handleRequest(input, output, TestLambdaContext.invocation());
            }
            JsonObject run = Json.parseObject(output.toString(StandardCharsets.UTF_8), name);
            return run.string("dag_id").orElseThrow() + " " + run.string("outcome").orElseThrow();
        }
        throw new AssertionError(payload + " is no kind of event a function takes: name it s3-, api- or schedule-");
    }
}
