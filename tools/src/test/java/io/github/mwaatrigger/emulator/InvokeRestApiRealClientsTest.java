package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.ExternalProcess;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code InvokeRestApi} judged by clients nobody here wrote: boto3's {@code invoke_rest_api} and
 * {@code aws mwaa invoke-rest-api}, over HTTPS with normal certificate checks, get the answers, error codes and
 * error members MWAA gives them, and their retry handlers treat the emulator's throttling as throttling.
 */
class InvokeRestApiRealClientsTest {

    /** Calls {@code invoke_rest_api(**argv[1])} once, without retries, and prints what boto3 made of the answer. */
    private static final String BOTO3 = String.join("\n",
            "import json, sys, boto3, botocore",
            "from botocore.config import Config",
            "client = boto3.client('mwaa', config=Config(retries={'mode': 'standard', 'max_attempts': 1}))",
            "try:",
            "    r = client.invoke_rest_api(**json.loads(sys.argv[1]))",
            "    print(json.dumps({'code': None, 'http': r['ResponseMetadata']['HTTPStatusCode'],",
            "        'status': r['RestApiStatusCode'], 'response': r['RestApiResponse']}))",
            "except botocore.exceptions.ClientError as e:",
            "    print(json.dumps({'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],",
            "        'http': e.response['ResponseMetadata']['HTTPStatusCode'],",
            "        'status': e.response.get('RestApiStatusCode'), 'response': e.response.get('RestApiResponse')}))");

    private static MwaaEmulator airflow2;
    private static MwaaEmulator airflow3;

    @BeforeAll
    static void startEmulators() {
        airflow2 = TestEmulator.start(AirflowVersion.of(2, 10, 3));
        airflow3 = TestEmulator.start(AirflowVersion.of(3, 0, 6));
    }

    @AfterAll
    static void stopEmulators() {
        airflow2.close();
        airflow3.close();
    }

    @Test
    void boto3_triggersARun_andReadsTheDagRun() {
        JsonObject answer = boto3(airflow2, "{\"Name\": \"MyAirflowEnvironment\", \"Path\": \"/dags/example_dag/dagRuns\", "
                + "\"Method\": \"POST\", \"Body\": {\"dag_run_id\": \"boto3_run\", \"conf\": {\"n\": 1}}}");

        assertThat(answer.get("http")).contains(Json.parse("200"));
        assertThat(answer.get("status")).contains(Json.parse("200"));
        JsonObject run = (JsonObject) answer.get("response").orElseThrow();
        assertThat(run.string("dag_run_id")).contains("boto3_run");
        assertThat(run.get("conf")).contains(Json.parse("{\"n\": 1}"));
        assertThat(airflow2.runs("example_dag")).anySatisfy(created -> assertThat(created.runId()).isEqualTo("boto3_run"));
    }

    @Test
    void boto3_seesAirflows409_asARestApiClientExceptionWithItsMembers() {
        String request = "{\"Name\": \"MyAirflowEnvironment\", \"Path\": \"/dags/example_dag/dagRuns\", "
                + "\"Method\": \"POST\", \"Body\": {\"dag_run_id\": \"boto3_twice\"}}";
        boto3(airflow2, request);

        JsonObject answer = boto3(airflow2, request);

        assertThat(answer.string("code")).contains("RestApiClientException");
        assertThat(answer.get("http")).contains(Json.parse("400"));
        assertThat(answer.get("status")).contains(Json.parse("409"));
        assertThat(((JsonObject) answer.get("response").orElseThrow()).string("detail"))
                .contains("DAGRun with DAG ID: 'example_dag' and DAGRun ID: 'boto3_twice' already exists");
    }

    @Test
    void boto3_seesAirflow3s422() {
        JsonObject answer = boto3(airflow3, "{\"Name\": \"MyAirflowEnvironment\", \"Path\": \"/dags/example_dag/dagRuns\", "
                + "\"Method\": \"POST\", \"Body\": {\"dag_run_id\": \"no_date\"}}");

        assertThat(answer.string("code")).contains("RestApiClientException");
        assertThat(answer.get("status")).contains(Json.parse("422"));
        assertThat(answer.get("response").orElseThrow().toString()).contains("logical_date").contains("Field required");
    }

    @Test
    void boto3_seesAirflows5xx_asARestApiServerException() {
        airflow3.injectRestApiFaults(new Fault.Status(500, "{\"detail\": \"Internal Server Error\"}"));

        JsonObject answer = boto3(airflow3, "{\"Name\": \"MyAirflowEnvironment\", \"Path\": \"/dags/example_dag/dagRuns\", "
                + "\"Method\": \"GET\"}");

        assertThat(answer.string("code")).contains("RestApiServerException");
        assertThat(answer.get("status")).contains(Json.parse("500"));
        assertThat(answer.get("response")).contains(Json.parse("{\"detail\": \"Internal Server Error\"}"));
    }

    @Test
    void awsCli_listsRuns_withQueryParameters() {
        airflow2.addDag("cli_listed");
        boto3(airflow2, "{\"Name\": \"MyAirflowEnvironment\", \"Path\": \"/dags/cli_listed/dagRuns\", "
                + "\"Method\": \"POST\", \"Body\": {\"dag_run_id\": \"listed\"}}");

        ExternalProcess.Result result = aws(airflow2, environment(), "--name", "MyAirflowEnvironment", "--path",
                "/dags/cli_listed/dagRuns", "--method", "GET", "--query-parameters", "{\"limit\": 10, \"state\": [\"queued\"]}");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonObject answer = Json.parseObject(result.stdout(), "aws output");
        assertThat(answer.get("RestApiStatusCode")).contains(Json.parse("200"));
        assertThat(answer.get("RestApiResponse").orElseThrow().toString()).contains("listed");
    }

    @Test
    void awsCli_reportsTheErrorCodes_MwaaGives() {
        ExternalProcess.Result unknownDag = aws(airflow2, environment(), "--name", "MyAirflowEnvironment", "--path",
                "/dags/no_such_dag/dagRuns", "--method", "POST", "--body", "{}");
        ExternalProcess.Result longPath = aws(airflow2, environment(), "--name", "MyAirflowEnvironment", "--path",
                "/" + "p".repeat(64), "--method", "GET");
        ExternalProcess.Result unknownEnvironment = aws(airflow2, environment(), "--name", "NoSuchEnvironment",
                "--path", "/dags", "--method", "GET");

        assertThat(unknownDag.exitCode()).isNotZero();
        assertThat(unknownDag.stderr()).contains("An error occurred (RestApiClientException) when calling the "
                + "InvokeRestApi operation");
        assertThat(longPath.exitCode()).isNotZero();
        assertThat(longPath.stderr()).contains("(ValidationException)")
                .contains("Member must have length less than or equal to 64");
        assertThat(unknownEnvironment.stderr()).contains("(ResourceNotFoundException)");
    }

    @Test
    void awsCli_withAWrongSecret_getsTheSignatureError() {
        Map<String, String> environment = environment();
        environment.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

        ExternalProcess.Result result = aws(airflow2, environment, "--name", "MyAirflowEnvironment", "--path",
                "/dags/example_dag/dagRuns", "--method", "GET");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(InvalidSignatureException)");
    }

    @Test
    void awsCli_retriesThrottling_asThrottling() {
        MutableClock clock = MutableClock.atSystemSecond();
        try (MwaaEmulator throttled = TestEmulator.start(EmulatorConfig.builder().clock(clock).restRateLimit(1))) {
            Map<String, String> environment = environment();
            environment.put("AWS_MAX_ATTEMPTS", "2");
            String[] list = {"--name", "MyAirflowEnvironment", "--path", "/dags/example_dag/dagRuns", "--method", "GET"};

            ExternalProcess.Result first = aws(throttled, environment, list);
            ExternalProcess.Result second = aws(throttled, environment, list);

            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(second.exitCode()).isNotZero();
            assertThat(second.stderr()).contains("An error occurred (ThrottlingException) when calling the InvokeRestApi "
                    + "operation (reached max retries: 1): Rate exceeded");
            assertThat(throttled.throttledRestApiRequests()).as("the CLI's first attempt and its retry").isEqualTo(2);
        }
    }

    private static JsonObject boto3(MwaaEmulator emulator, String arguments) {
        Map<String, String> environment = environment();
        environment.put("AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", "-c", BOTO3, arguments), environment);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return Json.parseObject(result.stdout(), "the boto3 script's output");
    }

    private static ExternalProcess.Result aws(MwaaEmulator emulator, Map<String, String> environment,
            String... arguments) {
        List<String> command = new ArrayList<>(List.of("aws", "mwaa", "invoke-rest-api", "--endpoint-url",
                emulator.controlPlaneEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        return ExternalProcess.run(command, environment);
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
