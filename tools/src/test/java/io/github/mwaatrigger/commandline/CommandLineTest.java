package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.Fault;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import io.github.mwaatrigger.trigger.DagRunRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import io.github.mwaatrigger.emulator.ShellWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool's subcommands, as a user types them, against the emulator. */
class CommandLineTest {

    private MwaaEmulator emulator;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** What the emulator subcommand does while it runs, instead of waiting for Ctrl-C. */
    private Runnable whileRunning = () -> { };
    /** Where demo's trust goes instead of the system properties (the test JVM already trusts the test CA). */
    private final Properties trustProperties = new Properties();

    @BeforeEach
    void startEmulator() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void trigger_printsTheRunAsOneJsonObject() {
        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--conf", "{\"path\": \"a/b.csv\"}",
                "--run-id", "manual_run_1");

        assertThat(code).isEqualTo(ExitCode.OK);
        JsonObject printed = Json.parseObject(stdout().strip(), "stdout");
        assertThat(printed.members().keySet())
                .containsExactly("dag_id", "dag_run_id", "state", "logical_date", "outcome");
        assertThat(printed.string("dag_id")).contains("example_dag");
        assertThat(printed.string("dag_run_id")).contains("manual_run_1");
        assertThat(printed.string("state")).contains("queued");
        assertThat(printed.string("logical_date")).hasValueSatisfying(date -> assertThat(date).matches("\\d{4}-.*"));
        assertThat(printed.string("outcome")).contains("CREATED");
        assertThat(emulator.runs()).singleElement()
                .satisfies(run -> assertThat(run.conf()).isEqualTo(Json.parse("{\"path\": \"a/b.csv\"}")));
    }

    @Test
    void triggerWithARunId_isIdempotent() {
        run(TestEmulator.environment(emulator), "trigger", "example_dag", "--run-id", "nightly_2024_06_01");
        out.reset();

        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--run-id", "nightly_2024_06_01");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(Json.parseObject(stdout(), "stdout").string("outcome")).contains("ALREADY_EXISTED");
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void triggerWithoutARunId_makesANewRunEachTime() {
        run(TestEmulator.environment(emulator), "trigger", "example_dag");
        run(TestEmulator.environment(emulator), "trigger", "example_dag");

        assertThat(emulator.runs()).hasSize(2);
        assertThat(emulator.runs()).allSatisfy(run -> assertThat(run.runId()).startsWith("cli__"));
    }

    @Test
    void triggerOfAnUnknownDag_exitsWithOne() {
        int code = run(TestEmulator.environment(emulator), "trigger", "nope");

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(stderr()).contains("DAG 'nope' was not found");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void triggerWithConfThatIsNotAnObject_exitsWithTwoAndSaysWhy() {
        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--conf", "[1, 2]");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--conf must be a JSON object");
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void triggerWithConfAsDeepAsAccepted_createsTheRunAndReadsItsAnswer() {
        int depth = DagRunRequest.MAX_CONF_DEPTH;
        String conf = "{\"a\":".repeat(depth - 1) + "{\"leaf\": 1e308}" + "}".repeat(depth - 1);

        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--conf", conf);

        assertThat(code).as(stderr()).isEqualTo(ExitCode.OK);
        assertThat(Json.parseObject(stdout(), "stdout").string("outcome")).contains("CREATED");
        assertThat(emulator.runs()).singleElement()
                .satisfies(run -> assertThat(run.conf()).isEqualTo(Json.parse(conf)));
        assertThat(emulator.receivedCommands()).as("no look-up was needed").hasSize(1);
    }

    @Test
    void triggerWithAConfNumberAirflowWouldChange_exitsWithTwoBeforeSendingAnything() {
        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--conf",
                "{\"limits\": [0, 1e400]}");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("the conf value at conf.limits[1] is 1e400").contains("Send it as a string");
        assertThat(emulator.cliTokensIssued()).isZero();
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void triggerWhoseAnswerCannotBeRead_looksTheRunUpAndReportsItCreated() {
        emulator.injectCliFaults(new Fault.UnreadableAnswer());

        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--run-id", "r1");

        assertThat(code).as(stderr()).isEqualTo(ExitCode.OK);
        assertThat(Json.parseObject(stdout(), "stdout").string("outcome")).contains("CREATED");
        assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("r1");
        assertThat(emulator.receivedCommands()).extracting(command -> command.words().get(1))
                .containsExactly("trigger", "list-runs");
    }

    @Test
    void triggerWhoseAnswerCannotBeRead_onAirflow110_whichCannotListRuns_exitsWithThree() {
        emulator.close();
        emulator = TestEmulator.start(EmulatorConfig.builder().airflowVersion(AirflowVersion.of(1, 10, 12)));
        emulator.injectCliFaults(new Fault.UnreadableAnswer());

        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--run-id", "r1");

        assertThat(code).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(stderr()).contains("trying again with the same run id is safe");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void triggerBuiltForAnotherAirflowVersion_exitsWithTwoNamingAirflowVersion() {
        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--airflow-version", "1.10.12");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("check that AIRFLOW_VERSION is the environment's version, or set it to auto");
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void missingEnvironmentName_exitsWithTwoNamingTheSetting() {
        Environment withoutName = new Environment(Map.of("AWS_REGION", "us-east-1"));

        int code = run(withoutName, "trigger", "example_dag");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("MWAA_ENVIRONMENT_NAME is not set").contains("--environment");
    }

    @Test
    void environmentOption_overridesTheVariable() {
        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--environment", "Elsewhere");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("'Elsewhere' was not found");
    }

    @Test
    void mwaaThatStaysBusy_exitsWithThree() {
        Fault[] busy = new Fault[500];
        Arrays.fill(busy, Fault.status(503));
        emulator.injectCliFaults(busy);

        int code = run(TestEmulator.environment(emulator), "trigger", "example_dag", "--timeout", "2");

        assertThat(code).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(stderr()).contains("MWAA is unavailable");
    }

    @Test
    void cli_printsTheCommandsStdoutAndStderr() {
        int code = run(TestEmulator.environment(emulator), "cli", "--", "dags", "list", "-o", "json");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(stdout()).contains("[{\"dag_id\": \"example_dag\"");
        assertThat(stderr()).contains("RemovedInAirflow3Warning");
    }

    @Test
    void cli_sendsTheWordsAfterTheSeparatorExactlyAsTyped() {
        int code = run(TestEmulator.environment(emulator), "cli", "--", "dags", "trigger", "example_dag", "-c",
                "{\"a\": \"it's\", \"b\": \"$(rm -rf /) `x` \\\\ \\\"q\\\"\"}");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(emulator.receivedCommands()).singleElement().satisfies(command -> assertThat(command.words())
                .containsExactly("dags", "trigger", "example_dag", "-c",
                        "{\"a\": \"it's\", \"b\": \"$(rm -rf /) `x` \\\\ \\\"q\\\"\"}"));
        assertThat(emulator.runs()).singleElement().satisfies(run -> assertThat(run.conf())
                .isEqualTo(Json.parse("{\"a\": \"it's\", \"b\": \"$(rm -rf /) `x` \\\\ \\\"q\\\"\"}")));
    }

    @Test
    void cli_exitsNonZeroWhenTheCommandFailedInAirflow() {
        int code = run(TestEmulator.environment(emulator), "cli", "--", "dags", "trigger", "missing_dag");

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(stderr()).contains("DagNotFound");
    }

    @Test
    void cli_exitsNonZeroWhenTheServerAnswersWithAnError() {
        int code = run(TestEmulator.environment(emulator), "cli", "--", "db", "reset");

        assertThat(code).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(stderr()).contains("HTTP 500");
        assertThat(emulator.receivedCommands()).hasSize(1);
    }

    @Test
    void emulator_printsExportLinesThenReady(@TempDir Path stateDir) throws Exception {
        int code = run(TestEmulator.environment(emulator), "emulator", "--airflow-version", "3.0.6", "--dags",
                "etl_daily,report", "--environment", "LocalEnv", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        List<String> lines = stdout().lines().toList();
        assertThat(lines).last().isEqualTo("READY");
        Map<String, String> exports = new LinkedHashMap<>();
        lines.subList(0, lines.size() - 1).forEach(line -> {
            assertThat(line).startsWith("export ");
            String assignment = line.substring("export ".length());
            String value = assignment.substring(assignment.indexOf('=') + 1);
            exports.put(assignment.substring(0, assignment.indexOf('=')), ShellWords.split(value).get(0));
        });
        assertThat(exports).containsKeys("AWS_ENDPOINT_URL_MWAA", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_REGION", "MWAA_ENVIRONMENT_NAME", "MWAA_CA_PEM", "MWAA_TRUSTSTORE")
                .doesNotContainKey("MWAA_TRUSTSTORE_PASSWORD");
        assertThat(exports.get("MWAA_ENVIRONMENT_NAME")).isEqualTo("LocalEnv");
        assertThat(exports.get("AIRFLOW_VERSION")).isEqualTo("3.0.6");
        assertThat(exports.get("API_ALLOWED_DAGS")).isEqualTo("etl_daily,report");
        assertThat(Path.of(exports.get("MWAA_CA_PEM"))).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Path.of(exports.get("MWAA_TRUSTSTORE"))).exists();
        KeyStore truststore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(exports.get("MWAA_TRUSTSTORE")))) {
            truststore.load(in, null);
        }
        assertThat(truststore.size()).isEqualTo(1);
    }

    @Test
    void emulatorWithoutStateDir_removesItsTemporaryFolderWhenItStops() {
        AtomicBoolean caFileExistedWhileRunning = new AtomicBoolean();
        whileRunning = () -> caFileExistedWhileRunning.set(Files.isRegularFile(exported("MWAA_CA_PEM")));

        int code = run(TestEmulator.environment(emulator), "emulator");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(caFileExistedWhileRunning).isTrue();
        assertThat(exported("MWAA_CA_PEM").getParent().getFileName().toString()).startsWith("mwaa-emulator-");
        assertThat(exported("MWAA_CA_PEM").getParent()).doesNotExist();
        assertThat(exported("MWAA_TRUSTSTORE")).doesNotExist();
    }

    @Test
    void emulatorWithStateDir_keepsThatFolder(@TempDir Path stateDir) {
        int code = run(TestEmulator.environment(emulator), "emulator", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(stateDir.resolve("ca.pem")).isRegularFile();
    }

    @Test
    void demo_removesItsTemporaryFolderWhenItEnds() {
        int code = run(TestEmulator.environment(emulator), "demo");

        assertThat(code).as(stdout()).isEqualTo(ExitCode.OK);
        Path truststore = Path.of(trustProperties.getProperty("javax.net.ssl.trustStore"));
        assertThat(truststore.getParent().getFileName().toString()).startsWith("mwaa-trigger-demo-");
        assertThat(truststore.getParent()).doesNotExist();
    }

    @Test
    void demoWithAParameterTheTemplateDoesNotDeclare_exitsWithTwoNamingItAndListingTheTemplatesParameters() {
        int code = run(TestEmulator.environment(emulator), "demo", "--parameter", "DagID=etl_daily");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).startsWith("mwaa-trigger: --parameter DagID: template.yaml has no parameter DagID; "
                + "its parameters are EnvironmentName, ")
                .contains(", DagId, ", ", ApiAllowedDags, ", ", S3DagRoutes, ", ", ScheduleExpression, ");
        assertThat(stdout()).isEmpty();
        assertThat(trustProperties).isEmpty();
    }

    @Test
    void demo_runsEveryEventThroughTheHandlerTheTemplateWiresToIt() {
        int code = run(TestEmulator.environment(emulator), "demo");

        assertThat(code).as(stdout()).isEqualTo(ExitCode.OK);
        assertThat(stdout())
                .contains("events/s3-put.json  ->  S3UploadFunction (io.github.mwaatrigger.handler.S3UploadHandler"
                        + "::handleRequest)\n    result: 1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed\n"
                        + "    new DAG run: example_dag / s3__sales_report_2024-06-01.csv__")
                .contains("events/s3-redelivery.json  ->  S3UploadFunction (io.github.mwaatrigger.handler.S3UploadHandler"
                        + "::handleRequest)\n    result: 1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed\n"
                        + "    no new DAG run")
                .contains("events/s3-test-event.json  ->  S3UploadFunction")
                .contains("events/schedule-scheduler.json  ->  ScheduleFunction (io.github.mwaatrigger.handler"
                        + ".ScheduleHandler::handleRequest)")
                .contains("nightly_report / eventbridge__mwaa-trigger-schedule_")
                .contains("Every event was handled.");
    }

    @Test
    void demoWithAParameterOverride_configuresTheFunctionsWithIt() {
        int code = run(TestEmulator.environment(emulator), "demo", "--parameter", "S3DagRoutes=**/*.pdf=s3_ingest");

        assertThat(code).as(stdout()).isEqualTo(ExitCode.OK);
        assertThat(stdout()).contains("result: 3 objects: 1 created, 0 already existed, 2 unrouted, 0 failed")
                .contains("new DAG run: s3_ingest / s3__r_sum_-__.pdf__");
    }

    @Test
    void unknownSubcommand_printsUsageAndExitsWithTwo() {
        int code = run(TestEmulator.environment(emulator), "launch");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("unknown subcommand 'launch'").contains("trigger DAG_ID");
    }

    private int run(Environment environment, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Main(settings -> TestEmulator.services(settings, Clock.systemUTC()), whileRunning,
                config -> MwaaEmulator.start(config, TestTls.authority()),
                (emulatorToTrust, config) -> LocalEmulatorTrust.trust(emulatorToTrust, config, trustProperties))
                .run(Arrays.asList(args), console);
    }

    /** The value of {@code export NAME=...} among the lines printed so far, as the shell would read it. */
    private Path exported(String name) {
        String prefix = "export " + name + "=";
        return stdout().lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Path.of(ShellWords.split(line.substring(prefix.length())).get(0)))
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in " + stdout()));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
