package io.github.mwaatrigger.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's Python side: the MWAA guide's Lambda function ({@code bench/guide_lambda_function.py}) under the
 * Python runtime-loop stand-in ({@code bench/lambda_python_runtime.py}), against the Runtime API stand-in and the
 * emulator, as the benchmark runs it.
 */
class GuidePythonFunctionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("example_dag")));
    private final RuntimeApiStandIn runtimeApi = RuntimeApiStandIn.start("guide-python", Duration.ofSeconds(60));
    private RuntimeProcess process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.close();
        }
        runtimeApi.close();
        emulator.close();
    }

    private void start(String handler) {
        ProcessBuilder builder = new ProcessBuilder("python3", Path.of("bench", "lambda_python_runtime.py")
                .toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        String pyenv = environment.get("PYENV_ROOT");
        environment.clear();
        environment.put("PATH", path);
        if (pyenv != null) {
            environment.put("PYENV_ROOT", pyenv);
        }
        EmulatorConfig config = emulator.config();
        environment.putAll(Map.of("_HANDLER", handler, "LAMBDA_TASK_ROOT", Path.of("bench").toAbsolutePath().toString(),
                "AWS_LAMBDA_RUNTIME_API", runtimeApi.address(), "MWAA_ENVIRONMENT_NAME", config.environmentName(),
                "DAG_ID", "example_dag", "AWS_DEFAULT_REGION", config.region(),
                "AWS_ACCESS_KEY_ID", config.accessKeyId(), "AWS_SECRET_ACCESS_KEY", config.secretAccessKey(),
                "AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString(),
                "AWS_DISABLE_HOST_PREFIX_INJECTION", "true"));
        environment.putAll(Map.of("AWS_CA_BUNDLE", TestTls.caPem().toString(), "SSL_CERT_FILE", TestTls.caPem().toString(),
                "AWS_CONFIG_FILE", TestTls.emptyAwsConfig().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", TestTls.emptyAwsConfig().toString(),
                "HOME", TestTls.emptyAwsConfig().getParent().toString()));
        process = RuntimeProcess.start(builder);
    }

    @Test
    void theGuidesFunction_triggersTheRunItIsGiven_andAnswersWithAirflowsOutput() throws Exception {
        start("guide_lambda_function.lambda_handler");

        InvocationResult first = runtimeApi.invoke("{\"run_id\": \"guide_run_1\"}".getBytes(StandardCharsets.UTF_8), WAIT);
        InvocationResult second = runtimeApi.invoke("{\"run_id\": \"guide_run_2\"}".getBytes(StandardCharsets.UTF_8), WAIT);

        assertThat(first.succeeded()).as(first.body()).isTrue();
        assertThat(Json.parse(first.body())).isInstanceOfSatisfying(JsonString.class,
                stdout -> assertThat(stdout.value()).contains("guide_run_1"));
        assertThat(second.succeeded()).isTrue();
        assertThat(emulator.runs()).extracting(run -> run.runId()).containsExactly("guide_run_1", "guide_run_2");
        assertThat(emulator.cliTokensIssued()).isEqualTo(2);
    }

    @Test
    void aHandlerModuleThatCannotBeImported_failsTheInit() {
        start("no_such_module.lambda_handler");

        assertThatThrownBy(() -> runtimeApi.awaitFirstNext(WAIT))
                .isInstanceOfSatisfying(RuntimeStartFailedException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.ImportModuleError");
                    assertThat(e.error().body()).contains("no_such_module");
                });
    }
}
