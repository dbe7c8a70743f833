package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException.Reason;
import io.github.mwaatrigger.mwaa.RestApiExchange.Refusal;
import io.github.mwaatrigger.testing.CapturedLogs;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The REST client over a scripted {@code InvokeRestApi}, on a clock only the test moves: every retry, wait
 * and time-out is exact. The backoff always draws the top of its range (250 ms doubling to 8 s, at most
 * 1 s after "busy").
 */
class MwaaRestApiClientTest {

    private static final RestApiRequest TRIGGER = RestApiRequest.post("/dags/d/dagRuns",
            Json.parseObject("{\"dag_run_id\": \"r1\", \"conf\": {\"secret_looking\": \"conf\"}}", "body"));
    private static final JsonValue RUN = Json.parse("{\"dag_id\": \"d\", \"dag_run_id\": \"r1\", \"state\": \"queued\"}");
    private static final InvokeRestApiGrant GRANT = new InvokeRestApiGrant("MyEnv", "eu-west-1", Optional.of("User"));

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final ScriptedRestApiEndpoint endpoint = new ScriptedRestApiEndpoint(clock);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final MwaaRestApiClient client = new MwaaRestApiClient(endpoint, GRANT,
            new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), PinnedRandom.HIGHEST), sleeper);

    private Deadline deadlineIn(Duration budget) {
        return Deadline.after(budget, clock);
    }

    private static RestApiExchange airflow(int status, String body) {
        return new RestApiExchange.Answered(status, Json.parse(body));
    }

    @Test
    void success_isAirflowsAnswer_andNoEarlierAttemptMayHaveRun() {
        endpoint.answer(new RestApiExchange.Answered(200, RUN));

        RestApiReply reply = client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply).isEqualTo(new RestApiReply(200, RUN, false));
        assertThat(endpoint.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.request()).isEqualTo(TRIGGER);
            assertThat(attempt.timeLeft()).isEqualTo(MwaaRestApiClient.MAXIMUM_ATTEMPT);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void airflowsRefusals_areAnswersForTheCaller_sentOnce(int status) {
        endpoint.answer(airflow(status, "{\"detail\": \"no\"}"));

        RestApiReply reply = client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(Json.parse("{\"detail\": \"no\"}"));
        assertThat(endpoint.attempts()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void throttling_isRetriedWithBusyBackoff_andCannotHaveRun() {
        endpoint.answer(new RestApiExchange.Throttled("ThrottlingException"),
                new RestApiExchange.Throttled("ThrottlingException"), new RestApiExchange.Answered(200, RUN));

        RestApiReply reply = client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply).isEqualTo(new RestApiReply(200, RUN, false, 3));
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void airflowTooManyRequests_isRetriedAsBusy_andCannotHaveRun() {
        endpoint.answer(airflow(429, "{\"title\": \"Too Many Requests\"}"), new RestApiExchange.Answered(200, RUN));

        RestApiReply reply = client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply.earlierAttemptMayHaveRun()).isFalse();
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @CsvSource({"500", "502", "504"})
    void airflowServerErrors_areRetried_andTheAnswerSaysAnEarlierAttemptMayHaveRun(int status) {
        endpoint.answer(airflow(status, "{\"detail\": \"database is locked\"}"), new RestApiExchange.Answered(409,
                Json.parse("{\"detail\": \"exists\"}")));

        RestApiReply reply = client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.earlierAttemptMayHaveRun()).isTrue();
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void mwaaFailing_timeOutsAndLostConnections_areRetried_andMayHaveRun() {
        endpoint.answer(new RestApiExchange.MwaaFailed(500, "InternalServerException"))
                .timeOut()
                .answer(new RestApiExchange.Lost("SocketException: Connection reset", false),
                        new RestApiExchange.Answered(200, RUN));

        RestApiReply reply = client.call(TRIGGER, deadlineIn(Duration.ofSeconds(60)));

        assertThat(reply).isEqualTo(new RestApiReply(200, RUN, true, 4));
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofMillis(1000));
    }

    @Test
    void refusalAfterAnAttemptThatMayHaveRun_isRetryable_notPermanent() {
        endpoint.answer(new RestApiExchange.Lost("SocketException: Connection reset", false),
                new RestApiExchange.Refused(Refusal.ACCESS_DENIED, 403, "AccessDeniedException", "not authorized"));

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(2))
                .hasMessageContaining("airflow:InvokeRestApi")
                .hasMessageContaining("an earlier attempt may have reached Airflow");
    }

    @Test
    void connectionsNeverMade_areRetried_andCannotHaveRun() {
        endpoint.answer(new RestApiExchange.NotSent("ConnectException: Connection refused"),
                new RestApiExchange.Answered(200, RUN));

        assertThat(client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))).earlierAttemptMayHaveRun()).isFalse();
    }

    @Test
    void eachAttempt_getsAtMostTwelveSecondsOfTheDeadline_andTheLastGetsWhatIsLeft() {
        endpoint.timeOut().timeOut();

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
                    assertThat(e.getMessage()).contains("POST /dags/d/dagRuns").contains("gave up after 2 attempts");
                });
        assertThat(endpoint.attempts()).extracting(ScriptedRestApiEndpoint.Attempt::timeLeft)
                .containsExactly(Duration.ofSeconds(12), Duration.ofMillis(7750));
    }

    @Test
    void stayingBusy_untilTheDeadline_isReportedAsBusyAndRetryable() {
        endpoint.thenAlways(new RestApiExchange.Throttled("ThrottlingException"));

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BUSY);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("MWAA throttled the call").contains("about 10 calls a second");
                });
        Duration waited = sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void tooLittleTime_sendsNothing_andSaysSo() {
        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofMillis(400))))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
                    assertThat(e.getMessage()).contains("was not sent").contains("500 ms");
                });
        assertThat(endpoint.attempts()).isEmpty();
    }

    @Test
    void accessDenied_isAConfigurationError_namingTheActionAndTheRoleArnToGrant_notRetried() {
        endpoint.answer(new RestApiExchange.Refused(Refusal.ACCESS_DENIED, 403, "AccessDeniedException",
                "User is not authorized to perform airflow:InvokeRestApi on role/MyEnv/User"));

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("airflow:InvokeRestApi on arn:aws:airflow:eu-west-1:ACCOUNT_ID:role/MyEnv/User")
                .hasMessageContaining("Transport=rest");
        assertThat(endpoint.attempts()).hasSize(1);
    }

    @Test
    void unknownEnvironment_isAConfigurationError_namingTheSettings() {
        endpoint.answer(new RestApiExchange.Refused(Refusal.ENVIRONMENT_NOT_FOUND, 404, "ResourceNotFoundException",
                ""));

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("'MyEnv' was not found in eu-west-1")
                .hasMessageContaining("MWAA_ENVIRONMENT_NAME");
    }

    @Test
    void invalidRequest_isRejectedPermanently_withMwaasWordsAndWhatToCheck() {
        endpoint.answer(new RestApiExchange.Refused(Refusal.INVALID, 400, "ValidationException",
                "Update your environment to use InvokeRestApi"));

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOfSatisfying(MwaaRejectedException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("Update your environment to use InvokeRestApi")
                .hasMessageContaining("MWAA_TRANSPORT=cli");
    }

    @Test
    void noCredentials_isAConfigurationError() {
        endpoint.answer(new RestApiExchange.Refused(Refusal.NOT_SENDABLE, 0, "SdkClientException",
                "Unable to load credentials from any of the providers in the chain"));

        assertThatThrownBy(() -> client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("Unable to load credentials");
    }

    @Test
    void retriesAreLogged_byMethodAndPathOnly_neverWithTheBody() {
        endpoint.answer(airflow(503, "{\"detail\": \"busy\"}"), new RestApiExchange.Answered(200, RUN));

        String logged;
        try (CapturedLogs logs = CapturedLogs.start()) {
            client.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));
            logged = logs.text();
        }

        assertThat(logged).contains("POST /dags/d/dagRuns").contains("HTTP 503: busy").doesNotContain("secret_looking");
        assertThat(TRIGGER.toString()).isEqualTo("POST /dags/d/dagRuns");
    }

    @Test
    void paths_longerThanInvokeRestApiTakes_cannotBeMade() {
        String path = "/dags/" + "d".repeat(50) + "/dagRuns";
        assertThat(path).hasSize(64);
        assertThat(RestApiRequest.get(path, JsonObject.empty()).path()).isEqualTo(path);

        assertThatThrownBy(() -> RestApiRequest.get(path + "x", JsonObject.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
        assertThat(List.of(RestApiRequest.fits(path), RestApiRequest.fits(path + "x"))).containsExactly(true, false);
    }
}
