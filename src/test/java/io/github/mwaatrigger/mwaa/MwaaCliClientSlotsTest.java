package io.github.mwaatrigger.mwaa;

import static io.github.mwaatrigger.mwaa.Exchanges.ok;
import static io.github.mwaatrigger.mwaa.Exchanges.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.mwaa.MwaaUnavailableException.Reason;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * At most {@code maxConcurrentCalls} commands in flight from one client. Calls are held at the endpoint
 * by a gate the test opens, and a call waiting for a slot is seen waiting, so nothing depends on timing.
 */
class MwaaCliClientSlotsTest {

    private static final CliCommand LIST = CliCommand.of("dags", "list", "-o", "json");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final FakeControlPlane controlPlane = new FakeControlPlane(clock);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @Test
    void callBeyondTheSlots_waitsForOneToFreeUpInsteadOfBeingSent() throws Exception {
        GatedCliEndpoint endpoint = new GatedCliEndpoint();
        MwaaCliClient client = client(endpoint, 2);
        ConcurrentCalls<CliReply> first = ConcurrentCalls.start(2, () -> call(client, Duration.ofMinutes(1)));
        endpoint.awaitArrivals(2);

        ConcurrentCalls<CliReply> third = ConcurrentCalls.start(1, () -> call(client, Duration.ofSeconds(10)));
        third.awaitAllHeld();
        int sentWhileTheSlotsWereTaken = endpoint.requestsReceived();
        endpoint.open();

        assertThat(sentWhileTheSlotsWereTaken).isEqualTo(2);
        assertThat(first.results()).hasSize(2);
        assertThat(third.results()).singleElement()
                .satisfies(reply -> assertThat(reply.output()).isEqualTo(new CliOutput("", "")));
        assertThat(endpoint.mostInFlight()).isEqualTo(2);
        assertThat(sleeper.waits()).as("it waited for a slot, not for a backoff").isEmpty();
    }

    @Test
    void callWithNoTimeToWaitForABusySlot_failsAsBusyWithoutBeingSent() throws Exception {
        GatedCliEndpoint endpoint = new GatedCliEndpoint();
        MwaaCliClient client = client(endpoint, 1);
        ConcurrentCalls<CliReply> holder = ConcurrentCalls.start(1, () -> call(client, Duration.ofMinutes(1)));
        endpoint.awaitArrivals(1);

        ConcurrentCalls<CliReply> late = ConcurrentCalls.start(1, () -> call(client, Duration.ofMillis(500)));
        late.awaitAllHeld();
        int sentWhileTheSlotWasTaken = endpoint.requestsReceived();
        endpoint.open();

        assertThat(sentWhileTheSlotWasTaken).isEqualTo(1);
        assertThatThrownBy(late::results).cause()
                .isInstanceOfSatisfying(MwaaUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BUSY))
                .hasMessage("MWAA is unavailable: every CLI slot of this process stayed busy (gave up after 1 "
                        + "attempt, the deadline is near)");
        assertThat(holder.results()).hasSize(1);
    }

    @Test
    void slot_isFreedWhenTheCallInItFails() {
        ScriptedCliEndpoint endpoint = new ScriptedCliEndpoint(clock).answer(status(400), ok("", ""));
        MwaaCliClient client = client(endpoint, 1);
        assertThatThrownBy(() -> call(client, Duration.ofSeconds(20))).isInstanceOf(MwaaRejectedException.class);

        CliReply reply = call(client, Duration.ofMillis(500));

        assertThat(reply.output()).isEqualTo(new CliOutput("", ""));
    }

    private MwaaCliClient client(CliEndpoint endpoint, int slots) {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), PinnedRandom.HIGHEST);
        return new MwaaCliClient(new CliTokenCache(controlPlane, clock), endpoint, backoff, sleeper, slots);
    }

    /**
     * A call with {@code budget} on the test's clock. The client waits for a slot in real time, for up to
     * the budget less 500 ms, so a call that has to wait gets 10 s: ample for the test to free a slot, yet
     * short enough that a client that never frees its slots fails the test rather than hanging it.
     */
    private CliReply call(MwaaCliClient client, Duration budget) {
        return client.run(LIST, Idempotency.IDEMPOTENT, Deadline.after(budget, clock));
    }
}
