package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.testing.MutableClock;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A CLI endpoint that gives the answers a test scripted, one per request and in order, and records every
 * request it got. A request beyond the script fails the test, unless {@link #thenAlways} said what to
 * answer from then on. Thread-safe.
 */
final class ScriptedCliEndpoint implements CliEndpoint {

    /** One request as the endpoint got it: the token, the command line and the attempt's own deadline. */
    record Request(CliToken token, String commandLine, Deadline deadline) {
    }

    private final MutableClock clock;
    private final Deque<Function<Deadline, CliExchange>> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private Optional<CliExchange> fallback = Optional.empty();

    ScriptedCliEndpoint(MutableClock clock) {
        this.clock = clock;
    }

    /** Answers the next requests with {@code exchanges}, one each. */
    synchronized ScriptedCliEndpoint answer(CliExchange... exchanges) {
        for (CliExchange exchange : exchanges) {
            script.add(deadline -> exchange);
        }
        return this;
    }

    /**
     * Makes the next request wait, on the test's clock, for the whole of its attempt's deadline and then
     * end in a read time-out: a web server that does not answer.
     */
    synchronized ScriptedCliEndpoint timeOut() {
        script.add(deadline -> {
            clock.advance(deadline.remaining());
            return new CliExchange.Lost(new SocketTimeoutException("Read timed out"));
        });
        return this;
    }

    /** Answers every request beyond the script with {@code exchange}. */
    synchronized ScriptedCliEndpoint thenAlways(CliExchange exchange) {
        fallback = Optional.of(exchange);
        return this;
    }

    /** Every request so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The token of every request so far, in order. */
    List<String> tokensSent() {
        return requests.stream().map(request -> request.token().value()).toList();
    }

    @Override
    public CliExchange post(CliToken token, String commandLine, Deadline deadline) {
        requests.add(new Request(token, commandLine, deadline));
        return nextStep().apply(deadline);
    }

    private synchronized Function<Deadline, CliExchange> nextStep() {
        Function<Deadline, CliExchange> step = script.poll();
        if (step != null) {
            return step;
        }
        CliExchange always = fallback.orElseThrow(() -> new AssertionError(
                "no answer scripted for request " + requests.size()));
        return deadline -> always;
    }
}
