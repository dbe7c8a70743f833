package io.github.mwaatrigger.mwaa;

import static io.github.mwaatrigger.mwaa.Exchanges.answered;
import static io.github.mwaatrigger.mwaa.Exchanges.lost;
import static io.github.mwaatrigger.mwaa.Exchanges.notSent;
import static io.github.mwaatrigger.mwaa.Exchanges.ok;
import static io.github.mwaatrigger.mwaa.Exchanges.status;
import static io.github.mwaatrigger.mwaa.Exchanges.tooManyRequestsRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException.Reason;
import io.github.mwaatrigger.testing.MutableClock;
import java.net.ConnectException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MWAA client over a scripted CLI endpoint and a fake control plane, on a clock that only the test
 * moves: every retry, wait and time-out is exact. The backoff always draws the top of its range, so the
 * waits are the ceilings of full jitter (250 ms doubling to 8 s, at most 1 s after "busy").
 */
class MwaaCliClientTest {

    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final CliCommand LIST = CliCommand.of("dags", "list", "-o", "json");
    private static final CliExchange OK = ok("[]", "");

    private final MutableClock clock = new MutableClock(START);
    private final FakeControlPlane controlPlane = new FakeControlPlane(clock);
    private final ScriptedCliEndpoint endpoint = new ScriptedCliEndpoint(clock);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final MwaaCliClient client = clientWaitingWith(sleeper);

    @Nested
    class Answers {

        @Test
        void okAnswer_isDecodedFromBase64AndNoEarlierAttemptMayHaveRun() {
            endpoint.answer(ok("café ✓\n", "a warning"));

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply).isEqualTo(new CliReply(new CliOutput("café ✓\n", "a warning"), false));
        }

        @Test
        void command_isSentQuotedForMwaasShellLikeSplittingWithTheCliToken() {
            endpoint.answer(OK);
            CliCommand trigger = CliCommand.of("dags", "trigger", "example_dag", "--conf", "{\"note\": \"it's\"}");

            client.run(trigger, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(endpoint.requests()).singleElement().satisfies(request -> {
                assertThat(request.commandLine())
                        .isEqualTo("dags trigger example_dag --conf '{\"note\": \"it'\"'\"'s\"}'");
                assertThat(request.token().value()).isEqualTo("secret-token-1");
                assertThat(request.token().webServerHostname()).isEqualTo(FakeControlPlane.WEB_SERVER);
            });
        }

        @Test
        void execute_sendsTheCommandLineAsGivenAndReturnsItsOutput() {
            endpoint.answer(ok("example_dag\n", ""));

            CliOutput output = client.execute("dags list", Idempotency.NOT_IDEMPOTENT,
                    deadlineIn(Duration.ofSeconds(20)));

            assertThat(output.stdout()).isEqualTo("example_dag\n");
            assertThat(endpoint.requests()).extracting(ScriptedCliEndpoint.Request::commandLine)
                    .containsExactly("dags list");
        }

        @Test
        void token_isSharedByLaterCalls() {
            endpoint.answer(OK, OK, OK);

            for (int i = 0; i < 3; i++) {
                client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));
            }

            assertThat(controlPlane.cliTokenCalls()).isEqualTo(1);
            assertThat(endpoint.tokensSent()).containsOnly("secret-token-1");
        }

        @Test
        void attempt_getsAtMost30SecondsOfALongerDeadline() {
            endpoint.answer(OK);

            client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofMinutes(5)));

            assertThat(endpoint.requests()).singleElement()
                    .satisfies(request -> assertThat(request.deadline().expiresAt()).isEqualTo(START.plusSeconds(30)));
        }

        @Test
        void attempt_endsByTheCallsDeadlineWhenThatComesFirst() {
            endpoint.answer(OK);

            client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(10)));

            assertThat(endpoint.requests()).singleElement()
                    .satisfies(request -> assertThat(request.deadline().expiresAt()).isEqualTo(START.plusSeconds(10)));
        }
    }

    /** Answers that sending the command again cannot change. */
    @Nested
    class NotRetried {

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {400, 404, 405, 413, 422})
        void clientError_isRejectedWithTheServersReasonAndNotResent(int status) {
            endpoint.answer(answered(status, "Not allowed here"));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaRejectedException.class, e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessage("the MWAA web server refused the command: the web server answered HTTP " + status
                            + ": Not allowed here");
            assertThat(endpoint.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
        }

        @Test
        void longErrorBody_isShownAsOneLineCutAt300Characters() {
            String body = "line one\n   line two\t" + "x".repeat(400);
            endpoint.answer(answered(400, body));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .hasMessageEndingWith("HTTP 400: line one line two " + "x".repeat(282) + "...");
        }

        @ParameterizedTest
        @EnumSource(Idempotency.class)
        void answerTooLargeToRead_isReportedAsRunAndNeverResent(Idempotency idempotency) {
            endpoint.answer(new CliExchange.TooLarge(16 * 1024 * 1024));

            assertThatThrownBy(() -> client.run(LIST, idempotency, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(CliAnswerTooLargeException.class,
                            e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageContaining("ran the command")
                    .hasMessageContaining("larger than 16 MiB")
                    .hasMessageNotContaining("may or may not");
            assertThat(endpoint.requests()).hasSize(1);
        }

        @Test
        void webServerCertificateThisJvmDoesNotTrust_isAConfigurationErrorNamingTheFix_withoutRetrying() {
            endpoint.answer(notSent(new SSLHandshakeException("PKIX path building failed: "
                    + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification "
                    + "path to requested target")));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaConfigurationException.class,
                            e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageStartingWith("could not reach the MWAA web server: the TLS certificate of "
                            + "https://web.example.com is not trusted by this JVM (PKIX path building failed), so "
                            + "nothing was sent")
                    .hasMessageContaining("MWAA_TRUSTSTORE")
                    .hasMessageContaining("-Djavax.net.ssl.trustStore");
            assertThat(endpoint.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
        }

        @Test
        void webServerCertificateForAnotherHostName_isAConfigurationErrorNamingTheFix_withoutRetrying() {
            SSLHandshakeException mismatch = new SSLHandshakeException("No subject alternative DNS name matching "
                    + "web.example.com found.");
            mismatch.initCause(new CertificateException("No subject alternative DNS name matching web.example.com "
                    + "found."));
            endpoint.answer(notSent(mismatch));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOf(MwaaConfigurationException.class)
                    .hasMessage("could not reach the MWAA web server: the TLS certificate of https://web.example.com "
                            + "is not issued for that host name (No subject alternative DNS name matching "
                            + "web.example.com found.), so nothing was sent: use a host name the certificate names "
                            + "(for the local emulator: 127.0.0.1 or localhost)");
            assertThat(endpoint.requests()).hasSize(1);
        }

        @Test
        void redirectToAnotherOrigin_isRejectedNamingThatOriginAndTheWebServer() {
            endpoint.answer(new CliExchange.Redirected(302, Optional.of("https://sso.example.com"), false));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaRejectedException.class, e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageContaining("answered HTTP 302, redirecting the command to https://sso.example.com, "
                            + "which is not the environment's web server https://web.example.com; it was not followed");
            assertThat(endpoint.requests()).hasSize(1);
        }

        @Test
        void redirectLoop_isRejectedAsALoop() {
            endpoint.answer(new CliExchange.Redirected(307, Optional.of("https://web.example.com"), true));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOf(MwaaRejectedException.class)
                    .hasMessageContaining("kept redirecting the command (3 redirects followed, then HTTP 307 to "
                            + "https://web.example.com again)")
                    .hasMessageContaining("redirect loop");
            assertThat(endpoint.requests()).hasSize(1);
        }

        @Test
        void redirectWithoutAUsableLocation_isRejectedSayingSo() {
            endpoint.answer(new CliExchange.Redirected(302, Optional.empty(), false));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOf(MwaaRejectedException.class)
                    .hasMessageContaining("answered HTTP 302 without a Location that can be followed: check the "
                            + "environment's web server at https://web.example.com");
            assertThat(endpoint.requests()).hasSize(1);
        }
    }

    /** 429 and 503: the web server refused to start the command, so it did not run. */
    @Nested
    class BusyServer {

        @Test
        void busyServer_isRetriedWithBackoffThatStopsGrowingAtOneSecond() {
            endpoint.answer(status(503), status(503), status(503), status(503), status(503), OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isFalse();
            assertThat(sleeper.waits()).containsExactly(millis(250), millis(500), millis(1000), millis(1000),
                    millis(1000));
            assertThat(endpoint.requests()).hasSize(6);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {429, 503})
        void busyServer_isRetriedEvenForACommandThatMustNotRunTwice(int status) {
            endpoint.answer(status(status), OK);

            CliReply reply = client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isFalse();
            assertThat(endpoint.requests()).hasSize(2);
        }

        @Test
        void retryAfter_isWaitedWhenLongerThanTheBackoff() {
            endpoint.answer(tooManyRequestsRetryAfter(Duration.ofSeconds(3)), OK);

            client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        }

        @Test
        void retryAfter_doesNotShortenTheBackoff() {
            endpoint.answer(tooManyRequestsRetryAfter(Duration.ZERO), OK);

            client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(sleeper.waits()).containsExactly(millis(250));
        }

        @Test
        void retryAfterBeyondTheDeadline_givesUpAtOnceRatherThanWaitingPastIt() {
            endpoint.answer(tooManyRequestsRetryAfter(Duration.ofSeconds(30)));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BUSY))
                    .hasMessageContaining("HTTP 429");
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    /** 5xx, lost answers and unreadable answers, after which the command may have run. */
    @Nested
    class FailingServer {

        @Test
        void serverErrors_areRetriedWithBackoffDoublingUpTo8SecondsForAnIdempotentCommand() {
            endpoint.answer(status(500), status(502), status(500), status(500), status(500), status(500),
                    status(500), OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofMinutes(1)));

            assertThat(reply.output()).isEqualTo(new CliOutput("[]", ""));
            assertThat(sleeper.waits()).containsExactly(millis(250), millis(500), millis(1000), millis(2000),
                    millis(4000), millis(8000), millis(8000));
        }

        @Test
        void serverErrorBeforeTheAnswer_marksTheReplyAsMayHaveRunEarlier() {
            endpoint.answer(status(500), OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isTrue();
        }

        @ParameterizedTest(name = "HTTP {0}")
        @CsvSource({"500, FAILING", "502, FAILING", "504, TIMED_OUT"})
        void serverErrorForACommandThatMustNotRunTwice_failsAsMayHaveRunWithoutResending(int status, Reason reason) {
            endpoint.answer(status(status));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.isRetryable()).isTrue();
                    })
                    .hasMessageContaining("the web server answered HTTP " + status)
                    .hasMessageContaining("the command may or may not have run, and it was not sent again");
            assertThat(endpoint.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
        }

        @Test
        void lostAnswer_isResentForAnIdempotentCommandAndTheReplySaysItMayHaveRunEarlier() {
            endpoint.answer(lost(new SocketException("Connection reset")), OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isTrue();
            assertThat(endpoint.requests()).hasSize(2);
        }

        @Test
        void lostAnswer_isNeverResentForACommandThatMustNotRunTwice() {
            endpoint.answer(lost(new SocketException("Connection reset")));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.FAILING))
                    .hasMessageContaining("the connection to web.example.com failed before an answer arrived: "
                            + "SocketException (Connection reset)")
                    .hasMessageContaining("may or may not have run");
            assertThat(endpoint.requests()).hasSize(1);
        }

        @Test
        void answerThatTimedOut_isReportedAsTimedOut() {
            endpoint.timeOut();

            assertThatThrownBy(() -> client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT))
                    .hasMessageContaining("SocketTimeoutException (Read timed out)")
                    .hasMessageContaining("may or may not have run");
        }

        @Test
        void requestThatWasNeverSent_isResentEvenForACommandThatMustNotRunTwice() {
            endpoint.answer(notSent(new ConnectException("Connection refused")), OK);

            CliReply reply = client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isFalse();
            assertThat(endpoint.requests()).hasSize(2);
            assertThat(sleeper.waits()).containsExactly(millis(250));
        }

        @Test
        void unreadableOkAnswer_isRetriedForAnIdempotentCommandAsMayHaveRun() {
            endpoint.answer(answered(200, "<html>Sign in</html>"), OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.output()).isEqualTo(new CliOutput("[]", ""));
            assertThat(reply.earlierAttemptMayHaveRun()).isTrue();
        }

        @Test
        void unreadableOkAnswer_failsAsMayHaveRunForACommandThatMustNotRunTwice() {
            endpoint.answer(answered(200, "{\"stdout\": \"not base64!\", \"stderr\": \"\"}"));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.FAILING))
                    .hasMessageContaining("answered 200 with a body that is not {\"stdout\", \"stderr\"} in base64")
                    .hasMessageContaining("may or may not have run");
            assertThat(endpoint.requests()).hasSize(1);
        }

        @Test
        void earlierAttemptMayHaveRun_staysSetThroughLaterBusyAnswers() {
            endpoint.answer(lost(new SocketException("Connection reset")), status(503), OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isTrue();
        }
    }

    /** 401 and 403: the web server refused the token, so the command did not run. */
    @Nested
    class RejectedToken {

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {401, 403})
        void rejectedToken_isReplacedAndTheCommandResentAtOnce(int status) {
            endpoint.answer(status(status), OK);

            CliReply reply = client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.earlierAttemptMayHaveRun()).isFalse();
            assertThat(endpoint.tokensSent()).containsExactly("secret-token-1", "secret-token-2");
            assertThat(sleeper.waits()).isEmpty();
        }

        @Test
        void replacementTokenRejectedToo_failsRetryablyWithoutAThirdToken() {
            endpoint.answer(status(403), status(403));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("rejected a newly created CLI token too (the web server answered HTTP 403)");
            assertThat(endpoint.tokensSent()).containsExactly("secret-token-1", "secret-token-2");
            assertThat(controlPlane.cliTokenCalls()).isEqualTo(2);
        }

        @Test
        void replacementToken_isKeptForLaterCalls() {
            endpoint.answer(status(401), OK, OK);

            client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));
            client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(endpoint.tokensSent()).containsExactly("secret-token-1", "secret-token-2", "secret-token-2");
        }
    }

    /** {@code CreateCliToken} failing before anything is sent. */
    @Nested
    class ControlPlane {

        @Test
        void throttledTokenRequest_isRetriedWithBackoff() {
            controlPlane.failNextCallsWith(throttled(), throttled());
            endpoint.answer(OK);

            CliReply reply = client.run(LIST, Idempotency.NOT_IDEMPOTENT, deadlineIn(Duration.ofSeconds(20)));

            assertThat(reply.output()).isEqualTo(new CliOutput("[]", ""));
            assertThat(controlPlane.cliTokenCalls()).isEqualTo(3);
            assertThat(sleeper.waits()).containsExactly(millis(250), millis(500));
        }

        @Test
        void tokenRequestThrottledUntilTheDeadline_givesUpAsBusyWithoutSendingAnything() {
            controlPlane.failNextCallsWith(throttled(), throttled(), throttled());

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(2))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BUSY))
                    .hasMessage("MWAA is unavailable: CreateCliToken on environment 'Env' failed with HTTP 429 "
                            + "ThrottlingException (gave up after 3 attempts, the deadline is near)");
            assertThat(endpoint.requests()).isEmpty();
        }

        @Test
        void environmentThatCannotBeUsed_isReportedAtOnceWithoutSendingAnything() {
            MwaaConfigurationException notFound = new MwaaConfigurationException(
                    "MWAA environment 'Env' was not found in us-east-1");
            controlPlane.failNextCallsWith(notFound);

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(20))))
                    .isSameAs(notFound);
            assertThat(controlPlane.cliTokenCalls()).isEqualTo(1);
            assertThat(endpoint.requests()).isEmpty();
        }

        private MwaaUnavailableException throttled() {
            return new MwaaUnavailableException("CreateCliToken on environment 'Env' failed with HTTP 429 "
                    + "ThrottlingException", Reason.BUSY);
        }
    }

    /** Giving up in time: no attempt starts with less than 500 ms left, and the last failure is reported. */
    @Nested
    class NearTheDeadline {

        @Test
        void serverBusyUntilTheDeadline_givesUpReportingTheLastAnswerAsBusy() {
            endpoint.thenAlways(answered(503, "Service Unavailable"));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(2))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.BUSY);
                        assertThat(e.isRetryable()).isTrue();
                    })
                    .hasMessage("MWAA is unavailable: the web server answered HTTP 503: Service Unavailable (gave up "
                            + "after 3 attempts, the deadline is near)");
            assertThat(sleeper.waits()).as("the third wait, 1 s, would leave 250 ms").containsExactly(millis(250),
                    millis(500));
        }

        @Test
        void serverFailingUntilTheDeadline_givesUpAsFailing() {
            endpoint.thenAlways(status(500));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(2))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.FAILING))
                    .hasMessage("MWAA is unavailable: the web server answered HTTP 500 (gave up after 3 attempts, "
                            + "the deadline is near)");
        }

        @Test
        void serverNotAnsweringUntilTheDeadline_givesUpAsTimedOut() {
            endpoint.timeOut().timeOut();

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(40))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT))
                    .hasMessageContaining("SocketTimeoutException (Read timed out) (gave up after 2 attempts, the "
                            + "deadline is near)");
            assertThat(endpoint.requests()).extracting(request -> request.deadline().expiresAt())
                    .containsExactly(START.plusSeconds(30), START.plusSeconds(40));
        }

        @Test
        void callWithLessThan500MillisecondsLeft_sendsNothingAndSaysItWasGivenTooLittleTime() {
            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofMillis(499))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT))
                    .hasMessageStartingWith("the command was not sent: less than the 500 ms one attempt needs was "
                            + "left before the deadline");
            assertThat(controlPlane.cliTokenCalls()).isZero();
            assertThat(endpoint.requests()).isEmpty();
        }

        @Test
        void callWithExactly500MillisecondsLeft_isSent() {
            endpoint.answer(OK);

            CliReply reply = client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofMillis(500)));

            assertThat(reply.output()).isEqualTo(new CliOutput("[]", ""));
        }

        @Test
        void tokenRequestThatLeavesLessThan500Milliseconds_sendsNothing() {
            controlPlane.takes(Duration.ofMillis(1600));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofSeconds(2))))
                    .isInstanceOf(MwaaUnavailableException.class)
                    .hasMessageStartingWith("the command was not sent");
            assertThat(endpoint.requests()).isEmpty();
        }

        @Test
        void tokenReplacementThatLeavesTooLittleTime_reportsTheRejectionAsTheLastFailure() {
            controlPlane.takes(Duration.ofMillis(1200));
            endpoint.answer(answered(401, "token expired"));

            assertThatThrownBy(() -> client.run(LIST, Idempotency.IDEMPOTENT, deadlineIn(Duration.ofMillis(2500))))
                    .isInstanceOfSatisfying(MwaaUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.FAILING))
                    .hasMessage("MWAA is unavailable: the web server answered HTTP 401: token expired (gave up after "
                            + "1 attempt, the deadline is near)");
            assertThat(controlPlane.cliTokenCalls()).isEqualTo(2);
            assertThat(endpoint.requests()).hasSize(1);
        }
    }

    /** The token is an admin credential: a web server or proxy that echoes it must not get it into a message. */
    @Nested
    class TokenSecrecy {

        private final Logger clientLogger = Logger.getLogger(MwaaCliClient.class.getName());
        private final List<String> logged = new CopyOnWriteArrayList<>();
        private final Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logged.add(formatter.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        private Level levelBefore;

        /** Captures every level, whatever another test left the root logger's level at. */
        @BeforeEach
        void captureTheClientsLog() {
            levelBefore = clientLogger.getLevel();
            clientLogger.setLevel(Level.ALL);
            clientLogger.addHandler(capture);
        }

        @AfterEach
        void stopCapturing() {
            clientLogger.removeHandler(capture);
            clientLogger.setLevel(levelBefore);
        }

        @Test
        void tokenEchoedInARefusal_isMasked() {
            endpoint.answer(answered(400, echoOf("secret-token-1")));

            assertTokenMasked(failureOf(Idempotency.IDEMPOTENT, Duration.ofSeconds(20)));
        }

        @Test
        void tokenEchoedInAServerError_isMasked() {
            endpoint.answer(answered(502, echoOf("secret-token-1")));

            assertTokenMasked(failureOf(Idempotency.NOT_IDEMPOTENT, Duration.ofSeconds(20)));
        }

        @Test
        void tokenEchoedWhileRetrying_isMaskedInEveryLogLineAndInTheFinalFailure() {
            endpoint.thenAlways(answered(500, echoOf("secret-token-1")));

            Throwable failure = failureOf(Idempotency.IDEMPOTENT, Duration.ofSeconds(2));

            assertTokenMasked(failure);
            assertThat(logged).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains("retrying").contains("<redacted>").doesNotContain("secret-token"));
        }

        @Test
        void tokenEchoedWhenTheReplacementIsRejectedToo_isMasked() {
            endpoint.answer(answered(403, echoOf("secret-token-1")), answered(403, echoOf("secret-token-2")));

            assertTokenMasked(failureOf(Idempotency.IDEMPOTENT, Duration.ofSeconds(20)));
        }

        @Test
        void tokenInARedirectTarget_isMasked() {
            endpoint.answer(new CliExchange.Redirected(302, Optional.of("https://secret-token-1.example.net"), false));

            assertTokenMasked(failureOf(Idempotency.IDEMPOTENT, Duration.ofSeconds(20)));
        }

        private Throwable failureOf(Idempotency idempotency, Duration budget) {
            return catchThrowable(() -> client.run(LIST, idempotency, deadlineIn(budget)));
        }

        private void assertTokenMasked(Throwable failure) {
            assertThat(failure).isInstanceOf(TriggerFailure.class)
                    .hasMessageContaining("<redacted>")
                    .hasMessageNotContaining("secret-token");
        }

        private static String echoOf(String token) {
            return "Bad gateway; request headers: Authorization: Bearer " + token;
        }
    }

    @Nested
    class Interruption {

        @Test
        void interruptWhileWaitingToRetry_failsTheCallAndKeepsTheInterrupt() {
            endpoint.answer(status(503));
            MwaaCliClient interruptedClient = clientWaitingWith(duration -> {
                throw new InterruptedException();
            });

            Throwable failure = catchThrowable(() -> interruptedClient.run(LIST, Idempotency.IDEMPOTENT,
                    deadlineIn(Duration.ofSeconds(20))));

            assertThat(Thread.interrupted()).isTrue();
            assertThat(failure).isInstanceOf(MwaaUnavailableException.class)
                    .hasMessage("interrupted while waiting to retry");
        }

        @Test
        void interruptBeforeASlotIsFree_failsTheCallWithoutSendingAndKeepsTheInterrupt() {
            Thread.currentThread().interrupt();

            Throwable failure = catchThrowable(() -> client.run(LIST, Idempotency.IDEMPOTENT,
                    deadlineIn(Duration.ofSeconds(20))));

            assertThat(Thread.interrupted()).isTrue();
            assertThat(failure).isInstanceOf(MwaaUnavailableException.class)
                    .hasMessage("interrupted while waiting for a free CLI slot");
            assertThat(endpoint.requests()).isEmpty();
        }
    }

    private MwaaCliClient clientWaitingWith(Sleeper waits) {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), PinnedRandom.HIGHEST);
        return new MwaaCliClient(new CliTokenCache(controlPlane, clock), endpoint, backoff, waits, 4);
    }

    private Deadline deadlineIn(Duration budget) {
        return Deadline.after(budget, clock);
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
