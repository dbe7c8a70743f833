package io.github.mwaatrigger.mwaa;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs Airflow CLI commands on an MWAA environment the way the MWAA user guide's scripts do (a CLI token
 * from {@code CreateCliToken}, then {@code POST /aws_mwaa/cli} with the token as bearer), but safely:
 *
 * <ul>
 *   <li>every call runs under a {@link Deadline};</li>
 *   <li>a busy or failing web server (429, 5xx, dropped connection, time-out, an unreadable answer) is
 *       retried with exponential backoff and full jitter while the deadline allows, as far as the
 *       command's {@link Idempotency} permits, and then reported as {@link MwaaUnavailableException};</li>
 *   <li>a token the web server rejects (401, 403) is dropped and replaced, once;</li>
 *   <li>a web server certificate that this JVM does not trust, or that names another host, is reported at
 *       once as {@link MwaaConfigurationException}: no retry can cure it;</li>
 *   <li>a redirect is followed only to the same web server, and otherwise reported as
 *       {@link MwaaRejectedException} naming where it led;</li>
 *   <li>an answer too large to read is reported as {@link CliAnswerTooLargeException}, never retried (the
 *       command ran);</li>
 *   <li>at most {@code maxConcurrentCalls} commands are in flight at once from this process (MWAA runs
 *       only a few at a time and answers 503 beyond that); the others wait their turn, in order, within
 *       their deadline, instead of drawing 503s and backing off;</li>
 *   <li>the token never appears in a log line or an exception message.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance per process shares its token between concurrent calls.
 */
public final class MwaaCliClient implements AirflowCli {

    /** The least time worth starting another attempt with. */
    static final Duration MINIMUM_ATTEMPT = Duration.ofMillis(500);
    /**
     * The longest one attempt may take: a web server that has not answered by then is treated as a
     * time-out and, for an idempotent command, tried again (an Airflow CLI command takes seconds).
     */
    static final Duration MAXIMUM_ATTEMPT = Duration.ofSeconds(30);
    private static final int MAX_DETAIL_CHARS = 300;
    private static final System.Logger LOG = System.getLogger(MwaaCliClient.class.getName());

    private final CliTokenCache tokens;
    private final CliEndpoint endpoint;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Semaphore slots;

    /**
     * The client of an environment whose CLI tokens come from {@code controlPlane}, over HTTPS with the JVM's
     * default trust, sending at most {@code maxConcurrentCalls} commands at once.
     */
    public static MwaaCliClient create(MwaaControlPlane controlPlane, Clock clock, Backoff backoff, Sleeper sleeper,
            int maxConcurrentCalls) {
        return new MwaaCliClient(new CliTokenCache(controlPlane, clock), new HttpsCliEndpoint(), backoff, sleeper,
                maxConcurrentCalls);
    }

    public MwaaCliClient(CliTokenCache tokens, CliEndpoint endpoint, Backoff backoff, Sleeper sleeper,
            int maxConcurrentCalls) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    @Override
    public CliReply run(CliCommand command, Idempotency idempotency, Deadline deadline) {
        return send(command.commandLine(), idempotency, deadline);
    }

    /**
     * Runs {@code commandLine}, an Airflow CLI command without the leading {@code airflow} already quoted
     * for MWAA's shell-like splitting (as the MWAA guide's scripts send it), and returns what it printed.
     *
     * @throws MwaaUnavailableException   as {@link #run} does
     * @throws MwaaRejectedException      as {@link #run} does
     * @throws CliAnswerTooLargeException as {@link #run} does
     * @throws MwaaConfigurationException as {@link #run} does
     */
    public CliOutput execute(String commandLine, Idempotency idempotency, Deadline deadline) {
        return send(commandLine, idempotency, deadline).output();
    }

    private CliReply send(String commandLine, Idempotency idempotency, Deadline deadline) {
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(idempotency, "idempotency");
        boolean tokenReplaced = false;
        boolean mayHaveRun = false;
        Optional<Outcome> last = Optional.empty();
        for (int attempt = 1; ; attempt++) {
            Optional<Outcome> tried = attempt(commandLine, idempotency, deadline);
            if (tried.isEmpty()) {
                throw outOfTime(last, attempt - 1);
            }
            Outcome outcome = tried.get();
            if (outcome.output().isPresent()) {
                return new CliReply(outcome.output().get(), mayHaveRun, attempt);
            }
            last = tried;
            mayHaveRun |= outcome.mayHaveRun();
            if (outcome.tokenRejected()) {
                if (tokenReplaced) {
                    throw new MwaaUnavailableException("the MWAA web server rejected a newly created CLI token too ("
                            + outcome.problem() + "); check the clocks and the environment's web server",
                            MwaaUnavailableException.Reason.FAILING, attempt);
                }
                tokenReplaced = true;
                continue;
            }
            Duration jittered = outcome.reason() == MwaaUnavailableException.Reason.BUSY
                    ? backoff.delayBeforeBusy(attempt - 1) : backoff.delayBefore(attempt - 1);
            Duration delay = outcome.retryAfter().map(hint -> max(hint, jittered)).orElse(jittered);
            if (!deadline.allows(delay.plus(MINIMUM_ATTEMPT))) {
                throw gaveUp(outcome, attempt);
            }
            LOG.log(Level.WARNING, "attempt {0} failed: {1}; retrying in {2} ms",
                    attempt, outcome.problem(), delay.toMillis());
            pause(delay, attempt);
        }
    }

    /**
     * Too little time is left to send the command (again): the last attempt's failure, if there was one,
     * else that the deadline left no room for any attempt.
     */
    private static MwaaUnavailableException outOfTime(Optional<Outcome> last, int attempts) {
        return last.map(outcome -> gaveUp(outcome, attempts)).orElseGet(() -> new MwaaUnavailableException(
                "the command was not sent: less than the " + MINIMUM_ATTEMPT.toMillis() + " ms one attempt needs was "
                        + "left before the deadline; give the call more time (such as a longer function timeout)",
                MwaaUnavailableException.Reason.TIMED_OUT, 0));
    }

    private static MwaaUnavailableException gaveUp(Outcome last, int attempts) {
        return new MwaaUnavailableException("MWAA is unavailable: " + last.problem() + " (gave up after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + ", the deadline is near)", last.reason(), attempts);
    }

    /** One attempt: the output, or why not, whether to retry, what MWAA did, and whether the command may have run. */
    private record Outcome(Optional<CliOutput> output, String problem, boolean tokenRejected,
            Optional<Duration> retryAfter, MwaaUnavailableException.Reason reason, boolean mayHaveRun) {

        static Outcome success(CliOutput output) {
            return new Outcome(Optional.of(output), "", false, Optional.empty(), MwaaUnavailableException.Reason.FAILING,
                    false);
        }

        static Outcome retry(String problem, MwaaUnavailableException.Reason reason) {
            return new Outcome(Optional.empty(), problem, false, Optional.empty(), reason, false);
        }

        static Outcome retryAfterPossibleRun(String problem, MwaaUnavailableException.Reason reason) {
            return new Outcome(Optional.empty(), problem, false, Optional.empty(), reason, true);
        }

        static Outcome busy(String problem, Optional<Duration> hint) {
            return new Outcome(Optional.empty(), problem, false, hint, MwaaUnavailableException.Reason.BUSY, false);
        }

        static Outcome tokenRejected(String problem) {
            return new Outcome(Optional.empty(), problem, true, Optional.empty(),
                    MwaaUnavailableException.Reason.FAILING, false);
        }
    }

    /** One attempt, or empty if too little time is left to send the command once a slot and token are had. */
    private Optional<Outcome> attempt(String commandLine, Idempotency idempotency, Deadline deadline) {
        try {
            long wait = deadline.remaining().minus(MINIMUM_ATTEMPT).toMillis();
            if (wait < 0) {
                return Optional.empty();
            }
            if (!slots.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                return Optional.of(Outcome.busy("every CLI slot of this process stayed busy", Optional.empty()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MwaaUnavailableException("interrupted while waiting for a free CLI slot");
        }
        try {
            return attemptInSlot(commandLine, idempotency, deadline);
        } finally {
            slots.release();
        }
    }

    private Optional<Outcome> attemptInSlot(String commandLine, Idempotency idempotency, Deadline deadline) {
        CliToken token;
        try {
            token = tokens.token(deadline);
        } catch (MwaaUnavailableException e) {
            return Optional.of(Outcome.retry(e.getMessage(), e.reason()));
        }
        if (!deadline.allows(MINIMUM_ATTEMPT)) {
            return Optional.empty();
        }
        return Optional.of(sendInSlot(commandLine, idempotency, deadline, token));
    }

    private Outcome sendInSlot(String commandLine, Idempotency idempotency, Deadline deadline, CliToken token) {
        CliExchange exchange = endpoint.post(token, commandLine, deadline.atMost(MAXIMUM_ATTEMPT));
        if (exchange instanceof CliExchange.NotSent notSent) {
            ConnectionFailures.certificateProblem(notSent.cause(), "https://" + token.webServerHostname())
                    .ifPresent(problem -> {
                        throw new MwaaConfigurationException("could not reach the MWAA web server: " + problem);
                    });
            return Outcome.retry("could not reach the web server " + token.webServerHostname() + ": "
                    + describe(notSent.cause()), reasonFor(notSent.cause()));
        }
        if (exchange instanceof CliExchange.Lost lost) {
            return maybeRan(idempotency, "the connection to " + token.webServerHostname()
                    + " failed before an answer arrived: " + describe(lost.cause()), reasonFor(lost.cause()));
        }
        if (exchange instanceof CliExchange.TooLarge tooLarge) {
            throw new CliAnswerTooLargeException("the MWAA web server ran the command, but its answer was larger "
                    + "than " + tooLarge.limitBytes() / (1024 * 1024) + " MiB, the most this client reads; it was not "
                    + "sent again, as the answer would be as large. For dags list-runs this means the DAG has too many "
                    + "runs to list: delete its old runs (on MWAA, with a database clean-up DAG)");
        }
        if (exchange instanceof CliExchange.Redirected redirected) {
            throw new MwaaRejectedException(notFollowed(redirected, token));
        }
        CliExchange.Answered answer = (CliExchange.Answered) exchange;
        int status = answer.status();
        if (status == 200) {
            return CliResponseBody.decode(answer.body())
                    .map(Outcome::success)
                    .orElseGet(() -> maybeRan(idempotency,
                            "the web server answered 200 with a body that is not {\"stdout\", \"stderr\"} in base64",
                            MwaaUnavailableException.Reason.FAILING));
        }
        String problem = "the web server answered HTTP " + status + snippet(answer.body(), token);
        if (status == 401 || status == 403) {
            tokens.invalidate(token);
            return Outcome.tokenRejected(problem);
        }
        if (status == 429 || status == 503) {
            return Outcome.busy(problem, answer.retryAfter());
        }
        if (status >= 500) {
            return maybeRan(idempotency, problem, status == 504 ? MwaaUnavailableException.Reason.TIMED_OUT
                    : MwaaUnavailableException.Reason.FAILING);
        }
        throw new MwaaRejectedException("the MWAA web server refused the command: " + problem);
    }

    /** Why a redirect was not followed, naming where it led (its origin only) and what to check. */
    private static String notFollowed(CliExchange.Redirected redirected, CliToken token) {
        String status = "HTTP " + redirected.status();
        String server = "https://" + token.webServerHostname();
        if (redirected.target().isEmpty()) {
            return "the MWAA web server answered " + status + " without a Location that can be followed: check the "
                    + "environment's web server at " + server;
        }
        String target = redirected.target().get().replace(token.value(), "<redacted>");
        if (redirected.tooMany()) {
            return "the MWAA web server kept redirecting the command (" + HttpsCliEndpoint.MAX_REDIRECTS + " redirects "
                    + "followed, then " + status + " to " + target + " again): check the environment's web server at "
                    + server + " for a redirect loop";
        }
        return "the MWAA web server answered " + status + ", redirecting the command to " + target + ", which is not "
                + "the environment's web server " + server + "; it was not followed, as the CLI token goes nowhere "
                + "else: check that nothing (a proxy, a sign-in page) stands in front of the web server";
    }

    /** A failure after which the command may have run: retried only if running it twice is harmless. */
    private static Outcome maybeRan(Idempotency idempotency, String problem, MwaaUnavailableException.Reason reason) {
        if (idempotency == Idempotency.NOT_IDEMPOTENT) {
            throw new MwaaUnavailableException(problem + "; the command may or may not have run, and it was not "
                    + "sent again because running it twice could do harm", reason);
        }
        return Outcome.retryAfterPossibleRun(problem, reason);
    }

    private static MwaaUnavailableException.Reason reasonFor(IOException failure) {
        return failure instanceof SocketTimeoutException ? MwaaUnavailableException.Reason.TIMED_OUT
                : MwaaUnavailableException.Reason.FAILING;
    }

    private void pause(Duration delay, int attempts) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MwaaUnavailableException("interrupted while waiting to retry",
                    MwaaUnavailableException.Reason.FAILING, attempts);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** A short, single-line excerpt of an error body, with the token masked in case a proxy echoed it. */
    private static String snippet(String body, CliToken token) {
        String text = body.replace(token.value(), "<redacted>").replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "..." : text);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
