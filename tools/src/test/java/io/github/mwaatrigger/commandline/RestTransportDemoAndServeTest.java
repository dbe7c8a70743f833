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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --transport rest} and {@code serve --transport rest} end to end against the embedded emulator
 * they start themselves: every call goes through its {@code InvokeRestApi}, none through the CLI endpoint.
 */
class RestTransportDemoAndServeTest {

    @Test
    void demoOverRest_handlesEveryEvent_throughInvokeRestApiOnly() {
        ToolRun demo = new ToolRun(new Environment(Map.of()), () -> { });

        int code = demo.run("demo", "--transport", "rest");

        assertThat(code).as(demo.stdout() + demo.stderr()).isEqualTo(ExitCode.OK);
        assertThat(demo.stdout()).contains("Transport=rest")
                .contains("events/s3-put.json  ->  S3UploadFunction (io.github.mwaatrigger.handler.S3UploadHandler"
                        + "::handleRequest)\n    result: 1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed\n"
                        + "    new DAG run: example_dag / s3__sales_report_2024-06-01.csv__")
                .contains("events/s3-redelivery.json  ->  S3UploadFunction (io.github.mwaatrigger.handler.S3UploadHandler"
                        + "::handleRequest)\n    result: 1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed\n"
                        + "    no new DAG run")
                .contains("nightly_report / eventbridge__mwaa-trigger-schedule_")
                .contains("Every event was handled.");
        assertThat(demo.emulatorsStarted()).singleElement().satisfies(emulator -> {
            assertThat(emulator.receivedCommands()).as("no CLI command").isEmpty();
            assertThat(emulator.restApiRequests()).isPositive();
            assertThat(emulator.runs()).isNotEmpty();
        });
    }

    @Test
    void serveOverRest_answersAPostAndAGet_throughTheEmbeddedEmulatorsInvokeRestApi() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        CountDownLatch serving = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<MwaaEmulator> emulator = new AtomicReference<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                new Environment(Map.of()));
        Main main = new Main(settings -> TestEmulator.services(settings, Clock.systemUTC()), () -> {
            serving.countDown();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, config -> {
            MwaaEmulator started = MwaaEmulator.start(config, TestTls.authority());
            emulator.set(started);
            return started;
        }, (started, config) -> () -> { });
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = background.submit(() -> main.run(List.of("serve", "--port", Integer.toString(port),
                    "--transport", "rest"), console));
            assertThat(serving.await(20, TimeUnit.SECONDS)).as(out.toString(StandardCharsets.UTF_8)).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/dags/example_dag/dagRuns")).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "order-1234").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dag_run_id\": \"order_1234\", \"conf\": {\"order\": "
                            + "1234}}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/dags/example_dag/dagRuns/order_1234")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            stop.countDown();

            assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonObject run = Json.parseObject(read.body(), "GET");
            assertThat(run.string("dag_run_id")).contains("order_1234");
            assertThat(run.get("conf")).contains(Json.parse("{\"order\": 1234}"));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("through InvokeRestApi");
            assertThat(emulator.get().runs()).extracting(EmulatedRun::runId).containsExactly("order_1234");
            assertThat(emulator.get().receivedCommands()).isEmpty();
        } finally {
            stop.countDown();
            background.shutdownNow();
        }
    }
}
