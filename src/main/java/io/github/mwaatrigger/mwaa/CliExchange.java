package io.github.mwaatrigger.mwaa;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** What became of one request to the CLI endpoint. */
public sealed interface CliExchange {

    /** The server answered; {@code retryAfter} is its {@code Retry-After} hint, if any. */
    record Answered(int status, String body, Optional<Duration> retryAfter) implements CliExchange {
    }

    /** The request never reached the server (connection refused, TLS failure, connect time-out). */
    record NotSent(IOException cause) implements CliExchange {
    }

    /** The request was sent but no complete answer came back: the command may or may not have run. */
    record Lost(IOException cause) implements CliExchange {
    }

    /**
     * The server answered 200, so the command ran, but its answer was larger than {@code limitBytes},
     * the most that is read.
     */
    record TooLarge(int limitBytes) implements CliExchange {
    }

    /**
     * The server answered with a redirect that was not followed: to another origin (scheme, host or
     * port), without a usable {@code Location}, or after {@value HttpsCliEndpoint#MAX_REDIRECTS} redirects had been
     * followed ({@code tooMany}). {@code target} is the origin it leads to, {@code https://host:port},
     * never its path or query, if the {@code Location} could be read.
     */
    record Redirected(int status, Optional<String> target, boolean tooMany) implements CliExchange {
    }
}
