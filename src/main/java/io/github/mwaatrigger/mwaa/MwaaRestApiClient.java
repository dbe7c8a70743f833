package io.github.mwaatrigger.mwaa;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls Airflow's REST API through MWAA's {@code InvokeRestApi}, safely:
 *
 * <ul>
 *   <li>every call runs under a {@link Deadline}, each attempt under at most {@link #MAXIMUM_ATTEMPT} of it
 *       (MWAA ends a call after 10 s);</li>
 *   <li>MWAA throttling ({@code ThrottlingException}: about 10 calls a second), MWAA failing (5xx,
 *       {@code InternalServerException}), Airflow busy or failing (429, 5xx, arriving as
 *       {@code RestApiServerException}) and connections that fail are retried with exponential backoff and
 *       full jitter while the deadline allows, then reported as {@link MwaaUnavailableException}; the SDK
 *       does not retry these itself;</li>
 *   <li>whether an earlier attempt may have reached Airflow is reported with the answer, so that the caller
 *       can tell its own lost success from someone else's run;</li>
 *   <li>MWAA refusing the call itself is reported at once: no {@code airflow:InvokeRestApi} grant or no
 *       credentials ({@link MwaaConfigurationException}, naming what to grant), an unknown environment, or a
 *       request MWAA finds invalid ({@link MwaaRejectedException});</li>
 *   <li>every other answer of Airflow's (2xx, and 4xx but 429) is returned for the caller to interpret.</li>
 * </ul>
 *
 * <p>Requests are all idempotent here (reads, and triggers with a fixed run id), so every transient failure
 * is retried. No credential is ever part of a message: the SDK signs, and its exceptions carry none.
 * Thread-safe.
 */
public final class MwaaRestApiClient implements AirflowRestApi {

    /** The least time worth starting another attempt with. */
    static final Duration MINIMUM_ATTEMPT = Duration.ofMillis(500);
    /** The longest one attempt may take: MWAA ends the call after 10 s; a little more covers the network. */
    static final Duration MAXIMUM_ATTEMPT = Duration.ofSeconds(12);
    private static final int MAX_DETAIL_CHARS = 300;
    private static final System.Logger LOG = System.getLogger(MwaaRestApiClient.class.getName());

    private final InvokeRestApiEndpoint endpoint;
    private final InvokeRestApiGrant grant;
    private final Backoff backoff;
    private final Sleeper sleeper;

    public MwaaRestApiClient(InvokeRestApiEndpoint endpoint, InvokeRestApiGrant grant, Backoff backoff,
            Sleeper sleeper) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.grant = Objects.requireNonNull(grant, "grant");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public RestApiReply call(RestApiRequest request, Deadline deadline) {
        Objects.requireNonNull(request, "request");
        boolean mayHaveRun = false;
        Optional<Retry> last = Optional.empty();
        for (int attempt = 1; ; attempt++) {
            if (!deadline.allows(MINIMUM_ATTEMPT)) {
                throw outOfTime(request, last, attempt - 1);
            }
            RestApiExchange exchange = endpoint.invoke(request, deadline.atMost(MAXIMUM_ATTEMPT));
            Optional<RestApiReply> reply = answer(exchange, mayHaveRun);
            if (reply.isPresent()) {
                RestApiReply answered = reply.get();
                return new RestApiReply(answered.status(), answered.body(), answered.earlierAttemptMayHaveRun(),
                        attempt);
            }
            if (mayHaveRun && exchange instanceof RestApiExchange.Refused refused) {
                // An earlier attempt may have done the work: a refusal now must not make it look permanent.
                throw new MwaaUnavailableException(refusal(request, refused).getMessage() + "; an earlier attempt "
                        + "may have reached Airflow, so trying again later with the same request is the way to know",
                        MwaaUnavailableException.Reason.FAILING, attempt);
            }
            Retry retry = retryFor(request, exchange);
            mayHaveRun |= retry.mayHaveRun();
            last = Optional.of(retry);
            Duration delay = retry.reason() == MwaaUnavailableException.Reason.BUSY
                    ? backoff.delayBeforeBusy(attempt - 1) : backoff.delayBefore(attempt - 1);
            if (!deadline.allows(delay.plus(MINIMUM_ATTEMPT))) {
                throw gaveUp(request, retry, attempt);
            }
            LOG.log(Level.WARNING, "InvokeRestApi {0}, attempt {1} failed: {2}; retrying in {3} ms", request, attempt,
                    retry.problem(), delay.toMillis());
            pause(delay);
        }
    }

    /** Why an attempt is to be retried, what MWAA did, and whether the request may have reached Airflow. */
    private record Retry(String problem, MwaaUnavailableException.Reason reason, boolean mayHaveRun) {
    }

    /** Airflow's answer, if this exchange ends the call. */
    private static Optional<RestApiReply> answer(RestApiExchange exchange, boolean mayHaveRun) {
        if (exchange instanceof RestApiExchange.Answered answered && answered.status() != 429
                && answered.status() < 500) {
            return Optional.of(new RestApiReply(answered.status(), answered.body(), mayHaveRun));
        }
        return Optional.empty();
    }

    /**
     * The retry after an exchange that did not end the call, or the exception that ends it.
     *
     * @throws MwaaConfigurationException if MWAA refused the call for want of a grant, an environment or credentials
     * @throws MwaaRejectedException      if MWAA refused the request as invalid
     */
    private Retry retryFor(RestApiRequest request, RestApiExchange exchange) {
        if (exchange instanceof RestApiExchange.Answered answered) {
            String problem = "Airflow answered HTTP " + answered.status() + RestApiProblems.suffix(answered.body());
            if (answered.status() == 429 || answered.status() == 503) {
                return new Retry(problem, MwaaUnavailableException.Reason.BUSY, answered.status() == 503);
            }
            return new Retry(problem, answered.status() == 504 ? MwaaUnavailableException.Reason.TIMED_OUT
                    : MwaaUnavailableException.Reason.FAILING, true);
        }
        if (exchange instanceof RestApiExchange.Throttled throttled) {
            return new Retry("MWAA throttled the call (" + throttled.detail() + "; InvokeRestApi allows about 10 calls "
                    + "a second)", MwaaUnavailableException.Reason.BUSY, false);
        }
        if (exchange instanceof RestApiExchange.MwaaFailed failed) {
            return new Retry("MWAA failed with HTTP " + failed.awsStatus() + " " + failed.errorCode(),
                    failed.awsStatus() == 504 ? MwaaUnavailableException.Reason.TIMED_OUT
                            : MwaaUnavailableException.Reason.FAILING, true);
        }
        if (exchange instanceof RestApiExchange.NotSent notSent) {
            return new Retry("could not reach the MWAA API: " + notSent.cause(), MwaaUnavailableException.Reason.FAILING,
                    false);
        }
        if (exchange instanceof RestApiExchange.Lost lost) {
            return new Retry("the call failed before an answer arrived: " + lost.cause(), lost.timedOut()
                    ? MwaaUnavailableException.Reason.TIMED_OUT : MwaaUnavailableException.Reason.FAILING, true);
        }
        throw refusal(request, (RestApiExchange.Refused) exchange);
    }

    private RuntimeException refusal(RestApiRequest request, RestApiExchange.Refused refused) {
        String what = "InvokeRestApi (" + request + ") on environment '" + grant.environmentName() + "' was refused by "
                + "MWAA with HTTP " + refused.awsStatus() + " " + refused.errorCode()
                + (refused.message().isEmpty() ? "" : " (" + refused.message() + ")");
        return switch (refused.refusal()) {
            case ACCESS_DENIED -> new MwaaConfigurationException(what + ": the caller's IAM role needs "
                    + "airflow:InvokeRestApi on " + grant.grantedRoleArn() + " (with the template: Transport=rest and "
                    + "AirflowRole), and its credentials must be valid");
            case ENVIRONMENT_NOT_FOUND -> new MwaaConfigurationException("MWAA environment '" + grant.environmentName()
                    + "' was not found in " + grant.region() + ": check MWAA_ENVIRONMENT_NAME and AWS_REGION");
            case NOT_SENDABLE -> new MwaaConfigurationException("InvokeRestApi could not be sent: "
                    + refused.message());
            case INVALID -> new MwaaRejectedException(what + ": the environment must run Airflow 2.4.3 or later and be "
                    + "up to date for InvokeRestApi; otherwise use MWAA_TRANSPORT=cli");
            case OTHER -> new MwaaRejectedException(what);
        };
    }

    private static MwaaUnavailableException outOfTime(RestApiRequest request, Optional<Retry> last, int attempts) {
        return last.map(retry -> gaveUp(request, retry, attempts)).orElseGet(() -> new MwaaUnavailableException(
                "InvokeRestApi (" + request + ") was not sent: less than the " + MINIMUM_ATTEMPT.toMillis() + " ms one "
                        + "attempt needs was left before the deadline; give the call more time (such as a longer "
                        + "function timeout)", MwaaUnavailableException.Reason.TIMED_OUT));
    }

    private static MwaaUnavailableException gaveUp(RestApiRequest request, Retry last, int attempts) {
        return new MwaaUnavailableException("MWAA is unavailable: InvokeRestApi (" + request + "): " + last.problem()
                + " (gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ", the deadline is "
                + "near)", last.reason(), attempts);
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MwaaUnavailableException("interrupted while waiting to retry");
        }
    }
}
