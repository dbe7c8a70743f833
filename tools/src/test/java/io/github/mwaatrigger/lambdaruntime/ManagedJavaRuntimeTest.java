package io.github.mwaatrigger.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions run by Lambda's own Java runtime interface client (the one the managed {@code java21} runtime
 * runs), in a process of their own, with their runtime jars in the task root's {@code lib/} as {@code sam build}
 * lays them out, against the Runtime API stand-in and the emulator: what a deployment does, short of AWS.
 */
class ManagedJavaRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String UPLOAD = "io.github.mwaatrigger.handler.S3UploadHandler::handleRequest";
    private static final String SCHEDULE = "io.github.mwaatrigger.handler.ScheduleHandler::handleRequest";

    private final MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("example_dag")));
    private final RuntimeApiStandIn runtimeApi = RuntimeApiStandIn.start("test-function", Duration.ofSeconds(120));
    @TempDir
    Path work;
    private RuntimeProcess process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.close();
        }
        runtimeApi.close();
        emulator.close();
    }

    private RuntimeProcess start(String handler, Map<String, String> functionVariables, List<String> extraOptions) {
        ManagedJavaRuntime runtime = new ManagedJavaRuntime(Path.of(System.getProperty("java.home"), "bin", "java"),
                Path.of("tools", "target", "lambda-runtime"), 512);
        List<String> options = new ArrayList<>(List.of(
                "-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                "-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword")));
        options.addAll(extraOptions);
        ProcessBuilder builder = new ProcessBuilder(runtime.command(handler, options))
                .directory(taskRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("runtime-output.txt").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("MWAA_"));
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "stack-" + handler.substring(handler.lastIndexOf('.') + 1,
                handler.indexOf(':')));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_ACCESS_KEY_ID", EmulatorConfig.DEFAULT_ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
        environment.put("AWS_CONFIG_FILE", TestTls.emptyAwsConfig().toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", TestTls.emptyAwsConfig().toString());
        environment.putAll(functionVariables);
        process = RuntimeProcess.start(builder);
        return process;
    }

    /**
     * The task root, the runtime's working directory: its {@code lib/} is {@code tools/target/function-lib}, the
     * functions' jar and its runtime jars.
     */
    private Path taskRoot() {
        Path root = work.resolve("task");
        try {
            Files.createDirectories(root);
            Files.createSymbolicLink(root.resolve("lib"), Path.of("tools", "target", "function-lib").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    private static Map<String, String> deployedAs(MwaaEmulator emulator, Map<String, String> more) {
        Map<String, String> variables = new HashMap<>(TestEmulator.environment(emulator).variables());
        variables.put("DAG_ID", "example_dag");
        variables.putAll(more);
        return variables;
    }

    private static byte[] event(String file) throws IOException {
        return Files.readAllBytes(Path.of("events", file));
    }

    @Test
    void uploadFunction_startsTheRun_andAnswersWithItsSummary() throws Exception {
        start(UPLOAD, deployedAs(emulator, Map.of()), List.of());

        InvocationResult result = runtimeApi.invoke(event("s3-put.json"), WAIT);

        assertThat(result.succeeded()).as(result.body()).isTrue();
        assertThat(result.body()).isEqualTo("\"1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed\"");
        assertThat(emulator.runs()).singleElement().satisfies(run -> assertThat(run.dagId()).isEqualTo("example_dag"));
    }

    @Test
    void warmInvocations_reuseTheProcess_andARedeliveryFindsItsRun() throws Exception {
        start(UPLOAD, deployedAs(emulator, Map.of()), List.of());

        InvocationResult first = runtimeApi.invoke(event("s3-put.json"), WAIT);
        InvocationResult again = runtimeApi.invoke(event("s3-redelivery.json"), WAIT);

        assertThat(first.succeeded()).isTrue();
        assertThat(again.body()).contains("1 already existed");
        assertThat(again.deliveredNanos()).isGreaterThan(first.completedNanos());
        assertThat(emulator.runs()).hasSize(1);
        assertThat(process.isAlive()).isTrue();
        assertThat(process.peakRssKib()).isPresent();
    }

    @Test
    void aTriggerThatFails_isReportedAsAnInvocationErrorOfItsType() throws Exception {
        start(UPLOAD, deployedAs(emulator, Map.of("DAG_ID", "no_such_dag")), List.of());

        InvocationResult result = runtimeApi.invoke(event("s3-put.json"), WAIT);

        assertThat(result.errorType()).contains("Runtime.UserException");
        assertThat(result.body()).contains("\"errorType\":\"io.github.mwaatrigger.handler.UploadBatchFailedException\"")
                .contains("no_such_dag");
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void aMissingSetting_failsTheInit_namingTheVariable() {
        Map<String, String> variables = deployedAs(emulator, Map.of());
        variables.remove("MWAA_ENVIRONMENT_NAME");
        start(SCHEDULE, variables, List.of());

        assertThatThrownBy(() -> runtimeApi.awaitFirstNext(WAIT))
                .isInstanceOfSatisfying(RuntimeStartFailedException.class, e -> {
                    assertThat(e.error().path()).endsWith("/init/error");
                    assertThat(e.error().errorType()).isEqualTo("Runtime.BadFunctionCode");
                    assertThat(e.error().body()).contains("MWAA_ENVIRONMENT_NAME");
                });
    }

    /**
     * Under SnapStart, Lambda's runtime client calls the functions' CRaC hooks after init and before waiting
     * for the restore. That is where the priming runs: this proves the hook is reached through org.crac (the
     * priming's classes are loaded before any event) and that it asks MWAA nothing, even with the Airflow
     * version left to {@code auto}.
     */
    @Test
    void snapStartInit_runsThePriming_beforeTheRestore_withoutAskingMwaaAnything() throws Exception {
        Path log = work.resolve("classes.log");
        start(SCHEDULE, deployedAs(emulator, Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "AIRFLOW_VERSION", "auto")), List.of("-Xlog:class+load=info:file=" + log));

        long initialized = runtimeApi.awaitFirstNext(WAIT);

        assertThat(runtimeApi.restoreRequestedNanos()).isPresent();
        assertThat(runtimeApi.restoreRequestedNanos().getAsLong()).isLessThan(initialized);
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
                .contains("io.github.mwaatrigger.handler.SnapStartPriming ")
                .contains("io.github.mwaatrigger.mwaa.TlsWarmUp ");
        assertThat(emulator.controlPlaneRequests()).isZero();
        assertThat(emulator.receivedCommands()).isEmpty();

        InvocationResult result = runtimeApi.invoke(("{\"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly\"}")
                .getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(result.succeeded()).as(result.body()).isTrue();
        assertThat(emulator.runs()).hasSize(1);
    }
}
