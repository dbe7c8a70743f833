package io.github.mwaatrigger.mwaa;

import static io.github.mwaatrigger.mwaa.Exchanges.answered;
import static io.github.mwaatrigger.mwaa.Exchanges.ok;
import static io.github.mwaatrigger.mwaa.Exchanges.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The attempts the real client's calls take, as the trigger log counts them: over a scripted CLI endpoint,
 * on a clock only the test moves, so that every count equals the requests the endpoint got.
 */
class CountingAirflowCliTest {

    private static final CliCommand LIST = CliCommand.of("dags", "list", "-o", "json");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final FakeControlPlane controlPlane = new FakeControlPlane(clock);
    private final ScriptedCliEndpoint endpoint = new ScriptedCliEndpoint(clock);
    private final CountingAirflowCli counted = new CountingAirflowCli(new MwaaCliClient(
            new CliTokenCache(controlPlane, clock), endpoint,
            new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), PinnedRandom.HIGHEST),
            new RecordingSleeper(clock), 4));

    @Test
    void callAnsweredAfterRetriesAndAReplacedToken_countsEveryRequestSent() {
        endpoint.answer(status(503), status(401), status(500), ok("[]", ""));

        CliReply reply = counted.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

        assertThat(reply.attempts()).isEqualTo(4);
        assertThat(counted.attemptsOnThisThread()).isEqualTo(4).isEqualTo(endpoint.requests().size());
    }

    @Test
    void callAfterWhichMwaaStayedUnavailable_countsTheAttemptsItGaveUpAfter() {
        endpoint.thenAlways(status(503));

        MwaaUnavailableException failure = catchThrowableOfType(MwaaUnavailableException.class,
                () -> counted.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(5))));

        assertThat(endpoint.requests()).hasSizeGreaterThan(1);
        assertThat(failure.attempts()).isEqualTo(endpoint.requests().size());
        assertThat(counted.attemptsOnThisThread()).isEqualTo(endpoint.requests().size());
        assertThat(failure).hasMessageContaining("gave up after " + endpoint.requests().size() + " attempts");
    }

    @Test
    void commandTheWebServerRefused_countsTheAttemptThatDrewTheRefusal() {
        endpoint.answer(answered(400, "bad request"));

        assertThatThrownBy(() -> counted.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                .isInstanceOf(MwaaRejectedException.class);
        assertThat(counted.attemptsOnThisThread()).isEqualTo(1);
    }

    @Test
    void callsAddUp_andEachThreadCountsOnlyItsOwn() throws Exception {
        endpoint.answer(ok("[]", ""), status(503), ok("[]", ""), ok("[]", ""));
        counted.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));
        counted.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

        long otherThread = CompletableFuture.supplyAsync(() -> {
            counted.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));
            return counted.attemptsOnThisThread();
        }).get();

        assertThat(counted.attemptsOnThisThread()).isEqualTo(3);
        assertThat(otherThread).isEqualTo(1);
    }

    private Deadline deadlineIn(Duration budget) {
        return Deadline.after(budget, clock);
    }
}
