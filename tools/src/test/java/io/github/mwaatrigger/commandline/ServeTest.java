package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code serve}: the API over real HTTP on localhost, against the embedded emulator. */
class ServeTest {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch serving = new CountDownLatch(1);
    private final AtomicReference<MwaaEmulator> emulator = new AtomicReference<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private Future<Integer> exitCode;
    private int port;

    @BeforeEach
    void startServe() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                new Environment(Map.of()));
        Main main = new Main(settings -> TestEmulator.services(settings, Clock.systemUTC()), () -> {
            serving.countDown();
            awaitStop();
        }, config -> {
            MwaaEmulator started = MwaaEmulator.start(config, TestTls.authority());
            emulator.set(started);
            return started;
        }, (started, config) -> () -> { });
        exitCode = background.submit(() -> main.run(List.of("serve", "--port", Integer.toString(port)), console));
        assertThat(serving.await(20, java.util.concurrent.TimeUnit.SECONDS)).as(out.toString()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("http://127.0.0.1:" + port + "/api/v1");
    }

    @AfterEach
    void stopServe() throws Exception {
        stop.countDown();
        assertThat(exitCode.get()).isEqualTo(ExitCode.OK);
        background.shutdownNow();
    }

    @Test
    void curlExampleFromTheIssue_triggersMyDag() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/dags/my_dag/dagRuns"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"conf\": {\"x\": 1}}")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject run = Json.parseObject(response.body(), "body");
        assertThat(run.string("dag_id")).contains("my_dag");
        assertThat(emulator.get().runs()).singleElement().satisfies(created -> {
            assertThat(created.dagId()).isEqualTo("my_dag");
            assertThat(created.conf()).isEqualTo(Json.parse("{\"x\": 1}"));
        });
    }

    @Test
    void everyRouteAndStatus_overHttp() throws Exception {
        HttpResponse<String> first = send(post("/api/v1/dags/example_dag/dagRuns", "{\"dag_run_id\": \"r1\"}", "key-1"));
        HttpResponse<String> again = send(post("/api/v1/dags/example_dag/dagRuns", "{\"dag_run_id\": \"r1\"}", "key-1"));
        HttpResponse<String> conflict = send(post("/api/v1/dags/example_dag/dagRuns", "{\"dag_run_id\": \"r1\"}", null));
        HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/api/v1/dags/example_dag/dagRuns?limit=1")).GET());
        HttpResponse<String> one = send(HttpRequest.newBuilder(uri("/api/v1/dags/example_dag/dagRuns/r1")).GET());
        HttpResponse<String> missingRun = send(HttpRequest.newBuilder(uri("/api/v1/dags/example_dag/dagRuns/r9")).GET());
        HttpResponse<String> missingDag = send(HttpRequest.newBuilder(uri("/api/v1/dags/no_dag/dagRuns")).GET());
        HttpResponse<String> badJson = send(post("/api/v1/dags/example_dag/dagRuns", "{oops", null));
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/api/v1/dags/example_dag/dagRuns"))
                .DELETE());
        HttpResponse<String> noRoute = send(HttpRequest.newBuilder(uri("/api/v1/variables")).GET());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"total_entries\":1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(missingRun.statusCode()).isEqualTo(404);
        assertThat(missingDag.statusCode()).isEqualTo(404);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(noRoute.statusCode()).isEqualTo(403);
        assertThat(emulator.get().runs()).extracting(EmulatedRun::runId).containsExactly("r1");
    }

    /** Clients percent-encode the ':' and '+' of Airflow's own run ids; serve hands them on encoded, as API Gateway does. */
    @Test
    void airflowNamedRun_readByItsPercentEncodedId_overHttp() throws Exception {
        TestEmulator.client(emulator.get()).execute("dags trigger example_dag",
                io.github.mwaatrigger.mwaa.Idempotency.NOT_IDEMPOTENT,
                io.github.mwaatrigger.mwaa.Deadline.after(Duration.ofSeconds(10)));
        String manualRunId = emulator.get().runs().get(0).runId();
        String encoded = manualRunId.replace(":", "%3A").replace("+", "%2B");

        HttpResponse<String> one = send(HttpRequest.newBuilder(uri("/api/v1/dags/example_dag/dagRuns/" + encoded)).GET());

        assertThat(manualRunId).startsWith("manual__").contains(":", "+");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(Json.parseObject(one.body(), "body").string("dag_run_id")).contains(manualRunId);
    }

    private HttpRequest.Builder post(String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStop() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
