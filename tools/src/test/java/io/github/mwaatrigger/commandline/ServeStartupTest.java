package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.ShellWords;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code serve} says at start-up about the MWAA it talks to, and the README's path to it: the
 * {@code emulator} subcommand's export lines loaded into the shell, then {@code serve}.
 */
class ServeStartupTest {

    private static final Pattern SERVING_PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/api/v1");

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final CountDownLatch emulatorReady = new CountDownLatch(1);
    private final CountDownLatch stopEmulator = new CountDownLatch(1);
    private final AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
    private ToolRun serve;

    @AfterEach
    void stopTheEmulator() {
        stopEmulator.countDown();
        background.shutdownNow();
    }

    @Test
    void withoutAnEnvironment_servesAnEmbeddedEmulator_andSaysSo() {
        serve = new ToolRun(new Environment(Map.of()), () -> { });

        int code = serve.run("serve", "--port", "0");

        assertThat(code).isEqualTo(ExitCode.OK);
        String emulator = serve.emulatorsStarted().get(0).controlPlaneEndpoint().toString();
        assertThat(serve.stdout().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .matches("Serving the DAG-run API on http://127\\.0\\.0\\.1:\\d+/api/v1 against .*")
                .contains("against an embedded MWAA emulator at " + emulator + ", Airflow 2.10.3, DAGs example_dag, "
                        + "my_dag, nightly_report, s3_ingest; allowed DAGs: * (every DAG). Stop with Ctrl-C."));
        assertThat(serve.stdout()).contains("/api/v1/dags/example_dag/dagRuns -d '{\"conf\": {\"x\": 1}}'");
    }

    /** The README's recipe: emulator in the background, eval its export lines, then serve (which failed on API_ALLOWED_DAGS). */
    @Test
    void afterLoadingTheEmulatorsExportLines_servesThatEmulator_saysSo_andReachesItsDags() throws Exception {
        ToolRun emulator = startEmulatorSubcommand("--dags", "example_dag,s3_ingest");
        Environment exported = new Environment(exportLines(emulator.stdout()));
        serve = new ToolRun(exported, () -> answer.set(post(servingPort(), "/api/v1/dags/example_dag/dagRuns",
                "{\"dag_run_id\": \"order_1234\", \"conf\": {\"order\": 1234}}")));

        int code = serve.run("serve", "--port", "0");

        assertThat(code).as(serve.stderr()).isEqualTo(ExitCode.OK);
        assertThat(serve.emulatorsStarted()).isEmpty();
        assertThat(serve.stdout().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .contains("against MWAA environment MyAirflowEnvironment in us-east-1 at "
                        + exported.get("AWS_ENDPOINT_URL_MWAA").orElseThrow() + ", Airflow 2.10.3, from the exported "
                        + "variables MWAA_ENVIRONMENT_NAME, AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_MWAA, "
                        + "AIRFLOW_VERSION, API_ALLOWED_DAGS (unset MWAA_ENVIRONMENT_NAME to use an embedded emulator "
                        + "instead); allowed DAGs: example_dag,s3_ingest (API_ALLOWED_DAGS). Stop with Ctrl-C."));
        assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
        assertThat(emulator.emulatorsStarted().get(0).runs()).extracting(EmulatedRun::dagId, EmulatedRun::runId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("example_dag", "order_1234"));
    }

    @Test
    void allowedDagsOption_overridesTheExportedOnes_andTheLineSaysWhereTheyCameFrom() throws Exception {
        ToolRun emulator = startEmulatorSubcommand();
        serve = new ToolRun(new Environment(exportLines(emulator.stdout())), () -> { });

        int code = serve.run("serve", "--port", "0", "--allowed-dags", "s3_*");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(serve.stdout()).contains("; allowed DAGs: s3_* (--allowed-dags). Stop with Ctrl-C.")
                .contains("/api/v1/dags/DAG_ID/dagRuns");
    }

    @Test
    void anEnvironmentWithoutAllowedDags_isOneClearErrorSayingTheThreeWaysOut() {
        serve = new ToolRun(new Environment(Map.of("MWAA_ENVIRONMENT_NAME", "Prod", "AWS_REGION", "eu-west-1")),
                () -> { throw new AssertionError("must not serve"); });

        int code = serve.run("serve", "--port", "0");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(serve.stderr()).startsWith("mwaa-trigger: MWAA_ENVIRONMENT_NAME is set (to 'Prod'), so serve talks "
                + "to that environment, and needs the DAGs its API may reach: pass --allowed-dags GLOB,... or export "
                + "API_ALLOWED_DAGS; or unset MWAA_ENVIRONMENT_NAME to serve against an embedded emulator\n");
    }

    @Test
    void emulatorOptionsWhileAnEnvironmentIsSet_areAnErrorNotIgnored() {
        serve = new ToolRun(new Environment(Map.of("MWAA_ENVIRONMENT_NAME", "Prod", "AWS_REGION", "eu-west-1",
                "API_ALLOWED_DAGS", "*")), () -> { throw new AssertionError("must not serve"); });

        int code = serve.run("serve", "--dags", "etl_daily");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(serve.stderr()).contains("--dags and --airflow-version configure the embedded emulator, which serve "
                + "does not start while MWAA_ENVIRONMENT_NAME is set (to 'Prod')");
        assertThat(serve.emulatorsStarted()).isEmpty();
    }

    @Test
    void aRealEnvironment_isNamedWithItsRegionAndAnAutoVersion() {
        serve = new ToolRun(new Environment(Map.of("MWAA_ENVIRONMENT_NAME", "Prod", "AWS_REGION", "eu-west-1",
                "API_ALLOWED_DAGS", "etl_*,report_daily")), () -> { });

        int code = serve.run("serve", "--port", "0");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(serve.stdout()).contains("against MWAA environment Prod in eu-west-1, Airflow auto (asked from "
                + "GetEnvironment), from the exported variables MWAA_ENVIRONMENT_NAME, AWS_REGION, API_ALLOWED_DAGS ")
                .contains("allowed DAGs: etl_*,report_daily (API_ALLOWED_DAGS)")
                .contains("/api/v1/dags/report_daily/dagRuns");
    }

    /** Runs the {@code emulator} subcommand in the background until the test ends; returns once it printed READY. */
    private ToolRun startEmulatorSubcommand(String... options) throws InterruptedException {
        ToolRun emulator = new ToolRun(new Environment(Map.of()), () -> {
            emulatorReady.countDown();
            try {
                stopEmulator.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> args = new java.util.ArrayList<>(List.of("emulator"));
        args.addAll(List.of(options));
        Future<Integer> exit = background.submit(() -> emulator.run(args.toArray(String[]::new)));
        assertThat(emulatorReady.await(30, TimeUnit.SECONDS)).as(emulator.stderr()).isTrue();
        assertThat(exit).isNotDone();
        return emulator;
    }

    /** What {@code eval "$(grep '^export ' file)"} puts into the environment. */
    private static Map<String, String> exportLines(String stdout) {
        Map<String, String> variables = new LinkedHashMap<>();
        stdout.lines().filter(line -> line.startsWith("export ")).forEach(line -> {
            String assignment = line.substring("export ".length());
            int equals = assignment.indexOf('=');
            variables.put(assignment.substring(0, equals), ShellWords.split(assignment.substring(equals + 1)).get(0));
        });
        assertThat(stdout.lines()).contains("READY");
        return variables;
    }

    private int servingPort() {
        Matcher port = SERVING_PORT.matcher(serve.stdout());
        assertThat(port.find()).as(serve.stdout()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private static HttpResponse<String> post(int port, String path, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
