package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.testing.RestApiClient;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiServerException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;

/**
 * {@code InvokeRestApi} as an MWAA API operation, through the AWS SDK for Java v2: one store of runs shared with
 * the CLI, the Airflow role, the request rate limit, AWS's input validation, unknown environments, signatures,
 * Airflow's 5xx, and environments too old for it.
 */
class InvokeRestApiServiceTest {

    private static final String DAG_RUNS = "/dags/example_dag/dagRuns";

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void aRunTriggeredThroughTheCli_isTheRunRestSees_andRestCannotMakeItAgain(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse(version));
                RestApiClient rest = RestApiClient.of(emulator)) {
            DagRuns cli = TestEmulator.services(emulator).dagRuns();
            String logicalDate = version.startsWith("3") ? "\"logical_date\": null, " : "";

            cli.trigger(DagRunRequest.of("example_dag", "from_cli", JsonObject.empty()), deadline());
            JsonObject seen = RestApiClient.object(rest.get(DAG_RUNS + "/from_cli").restApiResponse());
            RestApiClientException again = catchThrowableOfType(RestApiClientException.class,
                    () -> rest.post(DAG_RUNS, "{" + logicalDate + "\"dag_run_id\": \"from_cli\"}"));
            rest.post(DAG_RUNS, "{" + logicalDate + "\"dag_run_id\": \"from_rest\"}");
            TriggerOutcome cliAgain = cli.trigger(DagRunRequest.of("example_dag", "from_rest", JsonObject.empty()),
                    deadline()).outcome();

            assertThat(seen.string("dag_run_id")).contains("from_cli");
            assertThat(again.restApiStatusCode()).isEqualTo(409);
            assertThat(cliAgain).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
            assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("from_cli", "from_rest");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void aViewer_readsRuns_butItsTriggerIsAirflows403(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder()
                .airflowVersion(AirflowVersion.parse(version)).airflowRole(AirflowRole.VIEWER));
                RestApiClient rest = RestApiClient.of(emulator)) {

            InvokeRestApiResponse list = rest.get(DAG_RUNS);
            RestApiClientException trigger = catchThrowableOfType(RestApiClientException.class,
                    () -> rest.post(DAG_RUNS, "{\"logical_date\": null}"));

            assertThat(list.restApiStatusCode()).isEqualTo(200);
            assertThat(trigger.restApiStatusCode()).isEqualTo(403);
            assertThat(RestApiClient.response(trigger)).isEqualTo(version.startsWith("3")
                    ? Json.parse("{\"detail\": \"Forbidden\"}")
                    : Json.parse("{\"detail\": null, \"status\": 403, \"title\": \"Forbidden\", \"type\": "
                            + "\"https://airflow.apache.org/docs/apache-airflow/2.10.3/stable-rest-api-ref.html"
                            + "#section/Errors/PermissionDenied\"}"));
            assertThat(emulator.runs()).isEmpty();
        }
    }

    @Test
    void thePublicRole_isRefusedEverything() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().airflowRole(AirflowRole.PUBLIC));
                RestApiClient rest = RestApiClient.of(emulator)) {

            RestApiClientException list = catchThrowableOfType(RestApiClientException.class, () -> rest.get(DAG_RUNS));
            RestApiClientException trigger = catchThrowableOfType(RestApiClientException.class,
                    () -> rest.post(DAG_RUNS, "{}"));

            assertThat(list.restApiStatusCode()).isEqualTo(403);
            assertThat(trigger.restApiStatusCode()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AirflowRole.class, names = {"USER", "OP", "ADMIN"})
    void users_operators_andAdmins_trigger(AirflowRole role) {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().airflowRole(role));
                RestApiClient rest = RestApiClient.of(emulator)) {

            InvokeRestApiResponse response = rest.post(DAG_RUNS, "{\"dag_run_id\": \"r\"}");

            assertThat(response.restApiStatusCode()).isEqualTo(200);
            assertThat(emulator.runs()).hasSize(1);
        }
    }

    @Test
    void aRequestOverTheRateLimit_isAThrottlingExceptionTheSdkRetries() {
        MutableClock clock = MutableClock.atSystemSecond();
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().clock(clock).restRateLimit(2));
                RestApiClient rest = RestApiClient.of(emulator)) {
            rest.get(DAG_RUNS);
            rest.get(DAG_RUNS);

            MwaaException throttled = catchThrowableOfType(MwaaException.class, () -> rest.get(DAG_RUNS));
            int requestsWhileThrottled = emulator.restApiRequests();
            clock.advance(Duration.ofSeconds(1));
            InvokeRestApiResponse afterASecond = rest.get(DAG_RUNS);

            assertThat(throttled.isThrottlingException()).isTrue();
            assertThat(throttled.statusCode()).isEqualTo(400);
            assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(requestsWhileThrottled).as("two allowed, then the SDK's three attempts").isEqualTo(5);
            assertThat(emulator.throttledRestApiRequests()).isEqualTo(3);
            assertThat(afterASecond.restApiStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPathOf64Characters_reachesAirflow_butALongerOrEmptyOneIsAValidationException() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                RestApiClient rest = RestApiClient.of(emulator)) {
            String longest = "/dags/" + "d".repeat(50) + "/dagRuns";

            JsonObject atTheLimit = RestApiClient.object(rest.get(longest).restApiResponse());
            ValidationException tooLong = catchThrowableOfType(ValidationException.class, () -> rest.get(longest + "/"));
            ValidationException empty = catchThrowableOfType(ValidationException.class, () -> rest.get(""));

            assertThat(longest).hasSize(64);
            assertThat(atTheLimit.get("total_entries")).contains(Json.parse("0"));
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '"
                    + longest + "/' at 'path' failed to satisfy constraint: Member must have length less than or "
                    + "equal to 64");
            assertThat(empty.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '' at "
                    + "'path' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
    }

    @Test
    void anUnknownMethod_isAValidationException() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                RestApiClient rest = RestApiClient.of(emulator)) {

            ValidationException e = catchThrowableOfType(ValidationException.class, () -> rest.sdk().invokeRestApi(
                    request -> request.name("MyAirflowEnvironment").path(DAG_RUNS).method("HEAD")));

            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'HEAD' at "
                    + "'method' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[GET, PUT, POST, PATCH, DELETE]");
        }
    }

    @Test
    void anUnknownEnvironment_isResourceNotFound() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                RestApiClient rest = RestApiClient.of(emulator)) {

            ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                    () -> rest.sdk().invokeRestApi(request -> request.name("NoSuchEnvironment").path(DAG_RUNS)
                            .method("GET")));

            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Environment NoSuchEnvironment not found.");
            assertThat(emulator.runs()).isEmpty();
        }
    }

    @Test
    void aWrongSecret_isTheSignatureError_andNothingRuns() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                RestApiClient rest = RestApiClient.of(emulator, "not-the-secret")) {

            AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
                    () -> rest.post(DAG_RUNS, "{\"dag_run_id\": \"r\"}"));

            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(e.getMessage()).doesNotContain("not-the-secret");
            assertThat(emulator.runs()).isEmpty();
            assertThat(emulator.restApiRequests()).isZero();
        }
    }

    @Test
    void airflows5xx_isARestApiServerException() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                RestApiClient rest = RestApiClient.of(emulator)) {
            emulator.injectRestApiFaults(new Fault.Status(503, "{\"detail\": \"scheduler down\"}"));

            RestApiServerException e = catchThrowableOfType(RestApiServerException.class, () -> rest.get(DAG_RUNS));

            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RestApiServerException");
            assertThat(e.restApiStatusCode()).isEqualTo(503);
            assertThat(RestApiClient.json(e.restApiResponse())).isEqualTo(Json.parse("{\"detail\": \"scheduler down\"}"));
            assertThat(e.retryable()).as("the SDK does not retry it").isFalse();
            assertThat(emulator.restApiRequests()).isEqualTo(1);
        }
    }

    @Test
    void aLostOrUnreadableAnswer_ranTheCallInAirflow_whileADroppedConnectionDidNot() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                RestApiClient rest = RestApiClient.of(emulator)) {
            emulator.injectRestApiFaults(new Fault.LoseAnswer());
            RestApiClientException retriedAfterItRan = catchThrowableOfType(RestApiClientException.class,
                    () -> rest.post(DAG_RUNS, "{\"dag_run_id\": \"lost\"}"));
            emulator.injectRestApiFaults(new Fault.DropConnection());
            InvokeRestApiResponse retriedBeforeItRan = rest.post(DAG_RUNS, "{\"dag_run_id\": \"dropped\"}");

            emulator.injectRestApiFaults(new Fault.UnreadableAnswer());
            InvokeRestApiResponse unreadable = rest.post(DAG_RUNS, "{\"dag_run_id\": \"unreadable\"}");

            assertThat(unreadable.restApiStatusCode()).isEqualTo(200);
            assertThat(RestApiClient.json(unreadable.restApiResponse())).isEqualTo(Json.parse("{\"dag_runs\": 42}"));
            assertThat(retriedAfterItRan.restApiStatusCode()).as("the SDK's retry finds the run made").isEqualTo(409);
            assertThat(retriedBeforeItRan.restApiStatusCode()).isEqualTo(200);
            assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("lost", "dropped", "unreadable");
            assertThat(emulator.restApiRequests()).isEqualTo(5);
        }
    }

    @Test
    void anEnvironmentOlderThan243_answersThatItMustBeUpdated() {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.of(2, 2, 2));
                RestApiClient rest = RestApiClient.of(emulator)) {

            MwaaException e = catchThrowableOfType(MwaaException.class, () -> rest.get(DAG_RUNS));

            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e).isNotInstanceOf(RestApiClientException.class);
            assertThat(e.awsErrorDetails().errorCode()).as("MWAA's answer names no error type").isNull();
            assertThat(e.awsErrorDetails().rawResponse().asUtf8String())
                    .isEqualTo("Update your environment to use InvokeRestApi");
            assertThat(emulator.runs()).isEmpty();
        }
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30));
    }
}
