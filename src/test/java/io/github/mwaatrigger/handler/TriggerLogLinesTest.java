package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.CliExchange;
import io.github.mwaatrigger.mwaa.CliTokenCache;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaCliClient;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.CapturedLogs;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryControlPlane;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import io.github.mwaatrigger.testing.TriggerLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the functions log per trigger: one JSON line each on standard output, with the request ids, the DAG
 * and run, the outcome, the attempts its calls to MWAA took and how long it took, and the embedded metrics,
 * as CloudWatch Logs would receive it from an invocation.
 */
class TriggerLogLinesTest {

    private static final String NIGHTLY_RUN_ID = "eventbridge__nightly-report_3c4e70a5__20240601T020000Z";

    private InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag", "s3_ingest");

    private ScheduleHandler scheduleHandler() {
        return new ScheduleHandler(ScheduleFunctionSettings.from(mwaa.environment().with("DAG_ID", "example_dag"),
                new Properties()), mwaa::services, mwaa.clock());
    }

    private static void invoke(ScheduleHandler handler, String payload) {
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), TestLambdaContext.invocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String file(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trigger lines {@code invocation} prints, and nothing else. */
    private static List<JsonObject> linesOf(Runnable invocation) {
        try (CapturedLogs captured = CapturedLogs.start()) {
            invocation.run();
            return TriggerLines.in(captured.text());
        }
    }

    private static <T extends Throwable> List<JsonObject> linesOfFailing(Runnable invocation, Class<T> failure) {
        try (CapturedLogs captured = CapturedLogs.start()) {
            assertThatThrownBy(invocation::run).isInstanceOf(failure);
            return TriggerLines.in(captured.text());
        }
    }

    private static Optional<JsonNumber> number(long value) {
        return Optional.of(JsonNumber.of(value));
    }

    @Test
    void scheduleFiring_logsOneLine_withTheRequestFunctionRunOutcomeAttemptsDurationAndMetrics() {
        List<JsonObject> lines = linesOf(() -> invoke(scheduleHandler(), file("events/schedule-eventbridge-rule.json")));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("request_id")).contains("test-request");
            assertThat(line.string("Function")).contains("test-function");
            assertThat(line.string("dag_id")).contains("example_dag");
            assertThat(line.string("dag_run_id")).contains(NIGHTLY_RUN_ID);
            assertThat(line.string("outcome")).contains("CREATED");
            assertThat(line.string("level")).contains("INFO");
            assertThat(line.string("timestamp")).contains(InMemoryMwaa.START.toString());
            assertThat(line.get("attempts")).isEqualTo(number(1));
            assertThat(line.get("duration_ms")).isEqualTo(number(0));
            assertThat(line.get("RunsCreated")).isEqualTo(number(1));
            assertThat(line.get("RunsAlreadyExisted")).isEqualTo(number(0));
            assertThat(line.get("RunsFailed")).isEqualTo(number(0));
            assertThat(line.members()).doesNotContainKeys("api_request_id", "failure", "error");
        });
    }

    @Test
    void redeliveredFiring_logsAlreadyExisted_countingTheLookupsThatConfirmedTheRunAsAttempts() {
        ScheduleHandler handler = scheduleHandler();
        invoke(handler, file("events/schedule-eventbridge-rule.json"));

        List<JsonObject> lines = linesOf(() -> invoke(handler, file("events/schedule-eventbridge-rule.json")));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("ALREADY_EXISTED");
            assertThat(line.get("attempts")).as("trigger, list-runs, dags state for its conf").isEqualTo(number(3));
            assertThat(line.get("RunsAlreadyExisted")).isEqualTo(number(1));
            assertThat(line.get("RunsCreated")).isEqualTo(number(0));
        });
    }

    @Test
    void answerLostAndResent_countsBothSendsAndTheLookupThatFoundTheRunItMade() {
        mwaa.airflow().script(Fault.ANSWER_LOST);

        List<JsonObject> lines = linesOf(() -> invoke(scheduleHandler(), file("events/schedule-eventbridge-rule.json")));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("CREATED");
            assertThat(line.get("attempts")).as("trigger (lost), trigger again, list-runs").isEqualTo(number(3));
        });
    }

    @Test
    void collisionRetriedAtAFreeSecond_isOneLineWithEveryCall_andNoWait() {
        mwaa = InMemoryMwaa.running("2.5.1", "example_dag");
        ScheduleHandler handler = scheduleHandler();
        invoke(handler, file("events/schedule-eventbridge-rule.json"));

        List<JsonObject> lines = linesOf(() -> invoke(handler, file("events/schedule-eventbridge-rule.json")
                .replace("2024-06-01T02:00:00Z", "2024-06-02T02:00:00Z")));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("CREATED");
            assertThat(line.get("attempts")).as("trigger, list-runs, trigger again").isEqualTo(number(3));
            assertThat(line.get("duration_ms")).as("sent again at once, at a free second").isEqualTo(number(0));
            assertThat(line.get("TriggerDuration")).isEqualTo(number(0));
        });
        assertThat(mwaa.airflow().runs()).extracting(run -> run.logicalDate()).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void failedTrigger_logsRunsFailedWithWhy_andStillFailsTheInvocationSoThatLambdaRetriesIt() {
        mwaa.airflow().script(Fault.BUSY);

        List<JsonObject> lines = linesOfFailing(() -> invoke(scheduleHandler(),
                file("events/schedule-eventbridge-rule.json")), MwaaUnavailableException.class);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("FAILED");
            assertThat(line.string("level")).contains("ERROR");
            assertThat(line.string("dag_run_id")).contains(NIGHTLY_RUN_ID);
            assertThat(line.string("failure")).contains("MwaaUnavailableException");
            assertThat(line.get("retryable")).contains(Json.parse("true"));
            assertThat(line.string("error")).hasValueSatisfying(error -> assertThat(error)
                    .contains("the web server answered HTTP 503"));
            assertThat(line.get("attempts")).isEqualTo(number(3));
            assertThat(line.get("RunsFailed")).isEqualTo(number(1));
            assertThat(line.get("RunsCreated")).isEqualTo(number(0));
        });
    }

    @Test
    void uploadOfSeveralObjects_logsOneLinePerObject_underTheInvocationsRequestId_andNoneForAnUnroutedOne() {
        S3UploadHandler handler = new S3UploadHandler(UploadFunctionSettings.from(mwaa.environment()
                .with("S3_DAG_ROUTES", "incoming/*.csv=s3_ingest"), new Properties()), mwaa::services, mwaa.clock());

        List<JsonObject> lines = linesOf(() -> S3UploadHandlerTest.invoke(handler, "events/s3-put-batch.json"));

        assertThat(mwaa.airflow().runs()).hasSize(2);
        assertThat(lines).hasSize(2).allSatisfy(line -> {
            assertThat(line.string("request_id")).contains("test-request");
            assertThat(line.string("dag_id")).contains("s3_ingest");
            assertThat(line.string("outcome")).contains("CREATED");
        });
        assertThat(lines).as("one line per object, in the order the side-by-side triggers finished")
                .extracting(line -> line.string("dag_run_id").orElseThrow()).containsExactlyInAnyOrderElementsOf(mwaa.airflow().runs().stream().map(run -> run.runId()).toList());
    }

    @Test
    void apiTrigger_logsOneLineWithApiGatewaysRequestIdToo_andReadingRunsLogsNone() {
        ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(mwaa.environment().with("API_ALLOWED_DAGS",
                "example_dag"), new Properties()), mwaa::services, mwaa.clock());
        APIGatewayProxyRequestEvent post = EventLoader.loadApiGatewayRestEvent("events/api-1-trigger-run.json");
        APIGatewayProxyRequestEvent list = EventLoader.loadApiGatewayRestEvent("events/api-4-list-runs.json");
        Supplier<APIGatewayProxyResponseEvent> call = () -> handler.handleRequest(post,
                new TestLambdaContext("lambda-request", Duration.ofSeconds(28)));

        List<JsonObject> lines = linesOf(call::get);
        List<JsonObject> listing = linesOf(() -> handler.handleRequest(list, TestLambdaContext.invocation()));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("request_id")).contains("lambda-request");
            assertThat(line.string("api_request_id")).contains(post.getRequestContext().getRequestId());
            assertThat(line.string("dag_id")).contains("example_dag");
            assertThat(line.string("dag_run_id")).contains("api_order_1234");
            assertThat(line.string("outcome")).contains("CREATED");
        });
        assertThat(listing).isEmpty();
    }

    @Test
    void apiTrigger_asLambdaCallsIt_throughTheStreamHandler_logsApiGatewaysRequestIdToo() throws IOException {
        ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(mwaa.environment().with("API_ALLOWED_DAGS",
                "example_dag"), new Properties()), mwaa::services, mwaa.clock());
        byte[] event = Files.readAllBytes(Path.of("events/api-1-trigger-run.json"));
        String apiRequestId = EventLoader.loadApiGatewayRestEvent("events/api-1-trigger-run.json")
                .getRequestContext().getRequestId();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        List<JsonObject> lines = linesOf(() -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event), answer,
                        new TestLambdaContext("lambda-request", Duration.ofSeconds(28)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(apiRequestId).isNotBlank();
        assertThat(answer.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":200");
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("request_id")).contains("lambda-request");
            assertThat(line.string("api_request_id")).contains(apiRequestId);
        });
    }

    @Test
    void failureWhoseAnswersEchoTheCliToken_neverPutsTheTokenInTheLine_andCountsEveryRequestSent() {
        InMemoryControlPlane controlPlane = new InMemoryControlPlane("2.10.3");
        String token = controlPlane.createCliToken(Deadline.after(Duration.ofSeconds(1),
                mwaa.clock())).value();
        AtomicInteger requests = new AtomicInteger();
        MwaaCliClient client = new MwaaCliClient(new CliTokenCache(controlPlane, mwaa.clock()),
                (cliToken, commandLine, deadline) -> {
                    requests.incrementAndGet();
                    return new CliExchange.Answered(503, "proxy says: Authorization: Bearer " + cliToken.value(),
                            Optional.empty());
                }, Backoff.standard(), mwaa.sleeper(), 4);
        ScheduleHandler handler = new ScheduleHandler(ScheduleFunctionSettings.from(mwaa.environment()
                .with("DAG_ID", "example_dag"), new Properties()),
                settings -> MwaaServices.over(client, controlPlane, settings, mwaa.clock(), mwaa.sleeper()),
                mwaa.clock());

        String printed;
        List<JsonObject> lines;
        try (CapturedLogs captured = CapturedLogs.start()) {
            assertThatThrownBy(() -> invoke(handler, file("events/schedule-eventbridge-rule.json")))
                    .isInstanceOf(MwaaUnavailableException.class);
            printed = captured.text();
            lines = TriggerLines.in(printed);
        }

        assertThat(requests.get()).isGreaterThan(1);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.string("outcome")).contains("FAILED");
            assertThat(line.get("attempts")).isEqualTo(number(requests.get()));
            assertThat(line.string("error")).hasValueSatisfying(error -> assertThat(error).contains("<redacted>"));
        });
        assertThat(printed).doesNotContain(token);
    }
}
