package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An {@code InvokeRestApi} endpoint that gives the exchanges a test scripted, one per attempt and in order,
 * and records every attempt with the time left to it. An attempt beyond the script fails the test, unless
 * {@link #thenAlways} said what to answer from then on.
 */
final class ScriptedRestApiEndpoint implements InvokeRestApiEndpoint {

    /** One attempt as the endpoint got it: the request and the time its attempt deadline left. */
    record Attempt(RestApiRequest request, Duration timeLeft) {
    }

    private final MutableClock clock;
    private final Deque<Function<Deadline, RestApiExchange>> script = new ArrayDeque<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private Optional<RestApiExchange> fallback = Optional.empty();

    ScriptedRestApiEndpoint(MutableClock clock) {
        this.clock = clock;
    }

    /** Answers the next attempts with {@code exchanges}, one each. */
    synchronized ScriptedRestApiEndpoint answer(RestApiExchange... exchanges) {
        for (RestApiExchange exchange : exchanges) {
            script.add(deadline -> exchange);
        }
        return this;
    }

    /** Makes the next attempt use up its whole deadline on the test's clock, then time out. */
    synchronized ScriptedRestApiEndpoint timeOut() {
        script.add(deadline -> {
            clock.advance(deadline.remaining());
            return new RestApiExchange.Lost("no answer within " + deadline.remaining().toMillis() + " ms", true);
        });
        return this;
    }

    /** Answers every attempt beyond the script with {@code exchange}. */
    synchronized ScriptedRestApiEndpoint thenAlways(RestApiExchange exchange) {
        fallback = Optional.of(exchange);
        return this;
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public RestApiExchange invoke(RestApiRequest request, Deadline attemptDeadline) {
        attempts.add(new Attempt(request, attemptDeadline.remaining()));
        return nextStep().apply(attemptDeadline);
    }

    private synchronized Function<Deadline, RestApiExchange> nextStep() {
        Function<Deadline, RestApiExchange> step = script.poll();
        if (step != null) {
            return step;
        }
        RestApiExchange always = fallback.orElseThrow(() -> new AssertionError(
                "no exchange scripted for attempt " + attempts.size()));
        return deadline -> always;
    }
}
