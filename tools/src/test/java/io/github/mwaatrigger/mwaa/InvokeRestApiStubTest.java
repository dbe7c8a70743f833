package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.RestApiDialects;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.RestDagRuns;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST transport's real parts (the AWS SDK's {@code invokeRestApi}, SigV4, {@link MwaaRestApiClient},
 * {@link RestDagRuns}) over loopback HTTP against a stub of MWAA's {@code POST /restapi/{Name}} that answers
 * in its wire format ({@code x-amzn-ErrorType}, {@code RestApiStatusCode}, {@code RestApiResponse}). The stub
 * lives in this test only: it checks what goes over the wire and that every retry is ours (the SDK's are
 * off), until the embedded emulator serves InvokeRestApi itself.
 */
class InvokeRestApiStubTest {

    /** One request as the stub got it. */
    record Received(String path, String authorization, JsonObject body) {
    }

    /** One scripted answer: HTTP status, MWAA's error type (or null) and the JSON body. */
    record Answer(int status, String errorType, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private HttpServer server;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    Json.parseObject(new String(request, StandardCharsets.UTF_8), "request")));
            Answer answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new Answer(500, "InternalServerException", "{\"message\": \"unscripted\"}")
                        : answers.poll();
            }
            if (answer.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private void script(Answer... scripted) {
        synchronized (answers) {
            answers.addAll(List.of(scripted));
        }
    }

    private RestDagRuns dagRuns(String airflowVersion) {
        SdkMwaaControlPlane controlPlane = SdkMwaaControlPlane.create("StubEnv", "us-east-1",
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
        InvokeRestApiGrant grant = new InvokeRestApiGrant("StubEnv", "us-east-1", Optional.of("User"));
        Backoff fast = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random());
        return new RestDagRuns(new MwaaRestApiClient(controlPlane.restApiEndpoint(), grant, fast, Sleeper.SYSTEM),
                RestApiDialects.fixed(AirflowVersion.parse(airflowVersion)), grant, fast, Sleeper.SYSTEM);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(20));
    }

    private static Answer airflow(int status, String run) {
        return new Answer(200, null, "{\"RestApiStatusCode\": " + status + ", \"RestApiResponse\": " + run + "}");
    }

    private static final String RUN = "{\"dag_id\": \"d\", \"dag_run_id\": \"r1\", \"state\": \"queued\", "
            + "\"logical_date\": null, \"conf\": {\"n\": 1.50}, \"run_type\": \"manual\"}";

    @Test
    void trigger_isOneSignedCallToRestApiOfTheEnvironment_withAirflow3sBody() {
        script(airflow(200, RUN));

        TriggerResult result = dagRuns("3.0.6").trigger(DagRunRequest.of("d", "r1",
                Json.parseObject("{\"n\": 1.50}", "conf")), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().conf()).isEqualTo(Json.parse("{\"n\": 1.50}"));
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/restapi/StubEnv");
            assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential="
                    + EmulatorConfig.DEFAULT_ACCESS_KEY_ID + "/").contains("/us-east-1/airflow/aws4_request");
            assertThat(request.body()).isEqualTo(Json.parse("{\"Path\": \"/dags/d/dagRuns\", \"Method\": \"POST\", "
                    + "\"Body\": {\"dag_run_id\": \"r1\", \"logical_date\": null, \"conf\": {\"n\": 1.50}}}"));
        });
    }

    @Test
    void mwaaFailingAndThrottling_areRetriedByTheClientOnly_oneHttpRequestPerAttempt() {
        script(new Answer(500, "InternalServerException", "{\"message\": \"boom\"}"),
                new Answer(400, "ThrottlingException", "{\"message\": \"Rate exceeded\"}"),
                new Answer(400, "RestApiServerException", "{\"RestApiStatusCode\": 503, \"RestApiResponse\": "
                        + "{\"detail\": \"busy\"}}"),
                airflow(200, RUN));

        TriggerResult result = dagRuns("3.0.6").trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(received).hasSize(4);
    }

    /**
     * Were the SDK to retry the 500 itself, the client would never learn that the first attempt may have made
     * the run, and would report the 409 that follows as someone else's run.
     */
    @Test
    void aConflictAfterMwaaFailed_isOurOwnLostSuccess_soEveryRetryMustBeTheClients() {
        script(new Answer(500, "InternalServerException", "{\"message\": \"timed out waiting for Airflow\"}"),
                new Answer(400, "RestApiClientException", "{\"RestApiStatusCode\": 409, \"RestApiResponse\": "
                        + "{\"detail\": \"DAGRun with DAG ID: 'd' and DAGRun ID: 'r1' already exists\"}}"),
                airflow(200, RUN));

        TriggerResult result = dagRuns("2.10.3").trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(received).hasSize(3);
    }

    @Test
    void conflict_arrivesAsRestApiClientException_andIsResolvedByReadingTheRun() {
        script(new Answer(400, "RestApiClientException", "{\"RestApiStatusCode\": 409, \"RestApiResponse\": "
                        + "{\"detail\": \"DAGRun with DAG ID: 'd' and DAGRun ID: 'r1' already exists\"}}"),
                airflow(200, RUN.replace("null", "\"2024-06-01T08:30:00.250000+00:00\"")));

        TriggerResult result = dagRuns("2.10.3").trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(result.run().logicalDate()).isEqualTo("2024-06-01T08:30:00.250000+00:00");
        assertThat(received.get(1).body()).isEqualTo(Json.parse("{\"Path\": \"/dags/d/dagRuns/r1\", \"Method\": \"GET\"}"));
    }

    @Test
    void accessDenied_isAConfigurationError_thatNamesTheRoleArn_andNoSecret() {
        script(new Answer(403, "AccessDeniedException", "{\"Message\": \"User: arn:aws:sts::123456789012:assumed-role/"
                + "fn is not authorized to perform: airflow:InvokeRestApi on resource: role/StubEnv/User\"}"));

        assertThatThrownBy(() -> dagRuns("2.10.3").trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline()))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("airflow:InvokeRestApi on arn:aws:airflow:us-east-1:ACCOUNT_ID:role/StubEnv/User")
                .hasMessageNotContaining(EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
        assertThat(received).hasSize(1);
    }
}
