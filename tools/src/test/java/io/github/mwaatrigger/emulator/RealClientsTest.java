package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.ExternalProcess;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's fidelity, judged by clients nobody here wrote: the preinstalled {@code aws} CLI and the
 * MWAA user guide's boto3 + requests script, over HTTPS with normal certificate checks.
 */
class RealClientsTest {

    private static MwaaEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void awsCli_createsACliToken() {
        ExternalProcess.Result result = aws(environment(), "create-cli-token", "--name", "MyAirflowEnvironment");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonObject answer = Json.parseObject(result.stdout(), "aws output");
        assertThat(answer.string("WebServerHostname")).contains(emulator.webServerHostname());
        assertThat(answer.string("CliToken")).hasValueSatisfying(token ->
                assertThat(emulator.issuedTokens()).contains(token));
    }

    @Test
    void awsCli_readsTheAirflowVersion() {
        ExternalProcess.Result result = aws(environment(), "get-environment", "--name", "MyAirflowEnvironment");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("\"AirflowVersion\": \"2.10.3\"");
    }

    @Test
    void awsCli_withAWrongSecret_getsTheSignatureError() {
        Map<String, String> environment = environment();
        environment.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

        ExternalProcess.Result result = aws(environment, "create-cli-token", "--name", "MyAirflowEnvironment");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(InvalidSignatureException)")
                .contains("The request signature we calculated does not match the signature you provided");
    }

    @Test
    void awsCli_forAnUnknownEnvironment_getsResourceNotFound() {
        ExternalProcess.Result result = aws(environment(), "create-cli-token", "--name", "NoSuchEnvironment");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(ResourceNotFoundException)");
    }

    @Test
    void userGuidePythonScript_triggersADag() {
        ExternalProcess.Result result = python("MyAirflowEnvironment", "example_dag");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("200\n").contains("| example_dag | manual__");
        assertThat(emulator.runs("example_dag")).anySatisfy(run -> assertThat(run.runId()).startsWith("manual__"));
    }

    @Test
    void userGuidePythonScript_seesAirflowErrorsOnStderr() {
        ExternalProcess.Result result = python("MyAirflowEnvironment", "not_a_dag");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("200\n")
                .contains("airflow.exceptions.DagNotFound: Dag id not_a_dag not found in DagModel");
    }

    private static ExternalProcess.Result aws(Map<String, String> environment, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("aws", "mwaa", "--endpoint-url",
                emulator.controlPlaneEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        return ExternalProcess.run(command, environment);
    }

    /** The MWAA guide's Python script (bench/guide_trigger.py), triggering {@code dagId}. */
    private static ExternalProcess.Result python(String environmentName, String dagId) {
        Map<String, String> environment = environment();
        environment.put("AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString());
        environment.put("REQUESTS_CA_BUNDLE", TestTls.caPem().toString());
        String script = Path.of("bench", "guide_trigger.py").toString();
        return ExternalProcess.run(List.of("python3", script, environmentName, dagId), environment);
    }

    /** What the emulator subcommand exports, as a user's shell would have it. */
    private static Map<String, String> environment() {
        String empty = TestTls.emptyAwsConfig().toString();
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ACCESS_KEY_ID", EmulatorConfig.DEFAULT_ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CA_BUNDLE", TestTls.caPem().toString());
        environment.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        environment.put("AWS_CONFIG_FILE", empty);
        environment.put("AWS_SHARED_CREDENTIALS_FILE", empty);
        return environment;
    }
}
