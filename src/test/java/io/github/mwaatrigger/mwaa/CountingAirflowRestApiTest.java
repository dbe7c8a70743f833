package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The attempts the real REST client's calls take, as the trigger log counts them: over a scripted
 * {@code InvokeRestApi}, on a clock only the test moves.
 */
class CountingAirflowRestApiTest {

    private static final RestApiRequest TRIGGER = RestApiRequest.post("/dags/d/dagRuns",
            Json.parseObject("{\"dag_run_id\": \"r1\"}", "body"));
    private static final JsonValue RUN = Json.parse("{\"dag_id\": \"d\", \"dag_run_id\": \"r1\", \"state\": \"queued\"}");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final ScriptedRestApiEndpoint endpoint = new ScriptedRestApiEndpoint(clock);
    private final CountingAirflowRestApi counted = new CountingAirflowRestApi(new MwaaRestApiClient(endpoint,
            new InvokeRestApiGrant("MyEnv", "eu-west-1", Optional.of("User")),
            new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), PinnedRandom.HIGHEST), new RecordingSleeper(clock)));

    private Deadline deadlineIn(Duration budget) {
        return Deadline.after(budget, clock);
    }

    @Test
    void callAnsweredAfterThrottlingAndAServerError_countsEveryRequestSent() {
        endpoint.answer(new RestApiExchange.MwaaFailed(400, "ThrottlingException"),
                new RestApiExchange.Answered(503, Json.parse("{\"title\": \"Service Unavailable\"}")),
                new RestApiExchange.Answered(200, RUN));

        RestApiReply reply = counted.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply.attempts()).isEqualTo(3);
        assertThat(counted.attemptsOnThisThread()).isEqualTo(3);
    }

    @Test
    void callAfterWhichMwaaStayedUnavailable_countsTheAttemptsItGaveUpAfter() {
        endpoint.thenAlways(new RestApiExchange.Answered(503, Json.parse("{\"title\": \"Service Unavailable\"}")));

        MwaaUnavailableException failure = catchThrowableOfType(MwaaUnavailableException.class,
                () -> counted.call(TRIGGER, deadlineIn(Duration.ofSeconds(5))));

        assertThat(failure.attempts()).isGreaterThan(1);
        assertThat(counted.attemptsOnThisThread()).isEqualTo(failure.attempts());
        assertThat(failure).hasMessageContaining("gave up after " + failure.attempts() + " attempts");
    }

    @Test
    void callMwaaRefused_countsTheAttemptThatDrewTheRefusal() {
        endpoint.answer(new RestApiExchange.Refused(RestApiExchange.Refusal.ACCESS_DENIED, 403,
                "AccessDeniedException", "not authorized"));

        assertThatThrownBy(() -> counted.call(TRIGGER, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOf(MwaaConfigurationException.class);
        assertThat(counted.attemptsOnThisThread()).isEqualTo(1);
    }

    @Test
    void attemptsAreCountedPerThread() throws Exception {
        endpoint.thenAlways(new RestApiExchange.Answered(200, RUN));
        counted.call(TRIGGER, deadlineIn(Duration.ofSeconds(20)));

        long elsewhere = CompletableFuture.supplyAsync(counted::attemptsOnThisThread).get();

        assertThat(elsewhere).isZero();
        assertThat(counted.attemptsOnThisThread()).isEqualTo(1);
    }
}
