package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.Fault;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.ReceivedCommand;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MWAA client against the emulator over HTTPS: tokens, retries and every kind of fault. */
class MwaaCliClientEndToEndTest {

    private static final String LIST = "dags list -o json";
    private MwaaEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private MwaaCliClient client(EmulatorConfig.Builder config) {
        emulator = TestEmulator.start(config);
        return TestEmulator.client(emulator);
    }

    @Test
    void commandOutput_isDecodedFromBase64() {
        MwaaCliClient cli = client(EmulatorConfig.builder().noisyOutput(false));

        CliOutput output = cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(output.stdout()).startsWith("[{\"dag_id\": \"example_dag\", \"fileloc\": ");
        assertThat(output.stderr()).isEmpty();
        assertThat(emulator.receivedCommands()).singleElement().satisfies(command -> {
            assertThat(command.body()).isEqualTo(LIST);
            assertThat(command.contentType()).isEqualTo("text/plain");
        });
    }

    @Test
    void token_isReusedWhileFresh() {
        MwaaCliClient cli = client(EmulatorConfig.builder());

        for (int i = 0; i < 5; i++) {
            cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());
        }

        assertThat(emulator.cliTokensIssued()).isEqualTo(1);
    }

    @Test
    void token_isReplacedOnceItsReuseWindowHasPassed() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        MutableClock clientClock = MutableClock.atSystemSecond();
        MwaaCliClient cli = TestEmulator.client(TestEmulator.settings(emulator), clientClock);
        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        clientClock.advance(Duration.ofSeconds(44));
        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());
        assertThat(emulator.cliTokensIssued()).isEqualTo(1);

        clientClock.advance(Duration.ofSeconds(2));
        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());
        assertThat(emulator.cliTokensIssued()).isEqualTo(2);
    }

    @Test
    void tokenTheServerNoLongerAccepts_isReplacedAndTheCommandSucceeds() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());
        emulator.expireAllTokens();

        CliOutput output = cli.execute(LIST, Idempotency.NOT_IDEMPOTENT, deadline());

        assertThat(output.stdout()).contains("example_dag");
        assertThat(emulator.cliTokensIssued()).isEqualTo(2);
        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status).containsExactly(200, 403, 200);
    }

    @Test
    void tokenExpiringOnTheServerBeforeTheClientExpectsIt_isReplaced() {
        MwaaCliClient cli = client(EmulatorConfig.builder().tokenLifetime(Duration.ofMillis(300)));
        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());
        sleep(Duration.ofMillis(400));

        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(emulator.cliTokensIssued()).isEqualTo(2);
    }

    @Test
    void freshTokenRejectedToo_failsRetryablyAfterOneReplacement() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.RejectToken(), new Fault.RejectToken());

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("rejected a newly created CLI token too");
        assertThat(emulator.cliTokensIssued()).isEqualTo(2);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void busyOrFailingServer_isRetriedForAnIdempotentCommand(int status) {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(Fault.status(status), Fault.status(status));

        CliOutput output = cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(output.stdout()).contains("example_dag");
        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status)
                .containsExactly(status, status, 200);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 503})
    void busyServer_isRetriedEvenForACommandThatMustNotRunTwice(int status) {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(Fault.status(status));

        cli.execute(LIST, Idempotency.NOT_IDEMPOTENT, deadline());

        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status).containsExactly(status, 200);
    }

    @Test
    void serverErrorAfterWhichTheCommandMayHaveRun_isNotRepeatedForANonIdempotentCommand() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(Fault.status(502));

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.NOT_IDEMPOTENT, deadline()))
                .isInstanceOf(MwaaUnavailableException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("may or may not have run");
        assertThat(emulator.receivedCommands()).hasSize(1);
    }

    @Test
    void droppedConnection_isRetriedForAnIdempotentCommand() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.DropConnection());

        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status).containsExactly(0, 200);
    }

    @Test
    void lostAnswer_isNeverResentForANonIdempotentCommand() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.LoseAnswer());

        assertThatThrownBy(() -> cli.execute("dags trigger example_dag", Idempotency.NOT_IDEMPOTENT, deadline()))
                .isInstanceOf(MwaaUnavailableException.class);
        assertThat(emulator.receivedCommands()).hasSize(1);
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void malformedAnswer_isRetried() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.MalformedBody());

        CliOutput output = cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(output.stdout()).contains("example_dag");
        assertThat(emulator.receivedCommands()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Idempotency.class)
    void answerTooLargeToRead_isReportedAsRunAndNeverResent(Idempotency idempotency) {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.OversizedAnswer(17 * 1024 * 1024));

        assertThatThrownBy(() -> cli.execute("dags trigger example_dag", idempotency, deadline()))
                .isInstanceOfSatisfying(CliAnswerTooLargeException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("ran the command")
                .hasMessageContaining("larger than 16 MiB")
                .hasMessageContaining("dags list-runs")
                .hasMessageNotContaining("may or may not");
        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status).containsExactly(200);
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void answerJustUnderTheLimit_isRead() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.OversizedAnswer(15 * 1024 * 1024));

        CliOutput output = cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(output.stdout()).contains("example_dag");
        assertThat(emulator.receivedCommands()).hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectToTheSameWebServer_isFollowedWithTheSameCommand(int status) {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        String sameServer = "https://" + emulator.webServerHostname() + "/aws_mwaa/cli";
        emulator.injectCliFaults(new Fault.Redirect(status, sameServer));

        CliOutput output = cli.execute(LIST, Idempotency.NOT_IDEMPOTENT, deadline());

        assertThat(output.stdout()).contains("example_dag");
        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status).containsExactly(status, 200);
        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::body).containsExactly(LIST, LIST);
    }

    @Test
    void redirectToAnotherHost_isNotFollowedAndNamesThatHost() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.Redirect(302, "https://sso.example.com/login?next=%2Faws_mwaa%2Fcli"));

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()))
                .isInstanceOfSatisfying(MwaaRejectedException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("HTTP 302, redirecting the command to https://sso.example.com, which is not "
                        + "the environment's web server https://" + emulator.webServerHostname())
                .hasMessageContaining("not followed")
                .hasMessageNotContaining("login?next")
                .hasMessageNotContaining("refused")
                .hasMessageNotContaining(emulator.issuedTokens().get(0));
        assertThat(emulator.receivedCommands()).hasSize(1);
    }

    @Test
    void redirectThatKeepsComing_isGivenUpOnAsALoop() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        Fault[] loop = new Fault[HttpsCliEndpoint.MAX_REDIRECTS + 1];
        java.util.Arrays.fill(loop, new Fault.Redirect(307, "/aws_mwaa/cli"));
        emulator.injectCliFaults(loop);

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()))
                .isInstanceOf(MwaaRejectedException.class)
                .hasMessageContaining("kept redirecting the command (3 redirects followed, then HTTP 307 to https://"
                        + emulator.webServerHostname() + " again)")
                .hasMessageContaining("redirect loop");
        assertThat(emulator.receivedCommands()).hasSize(HttpsCliEndpoint.MAX_REDIRECTS + 1);
    }

    @Test
    void redirectWithoutLocation_saysSo() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        emulator.injectCliFaults(new Fault.Redirect(302, "http://[broken"));

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()))
                .isInstanceOf(MwaaRejectedException.class)
                .hasMessageContaining("HTTP 302 without a Location that can be followed");
        assertThat(emulator.receivedCommands()).hasSize(1);
    }

    @Test
    void triggerWhoseAnswerWasLost_isRecognisedOnRetryAsCreatedByThisCall() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        MwaaServices services = TestEmulator.services(emulator);
        emulator.injectCliFaults(new Fault.LoseAnswer());

        TriggerResult result = services.dagRuns().trigger(
                DagRunRequest.of("example_dag", "file_1", JsonObject.empty()), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().state()).isEqualTo("queued");
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void slowServer_isGivenUpOnBeforeTheDeadline() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()); // warm, with a token: the time goes to the server
        emulator.injectCliFaults(new Fault.Delay(Duration.ofSeconds(5)));
        Instant start = Instant.now();

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, Deadline.after(Duration.ofMillis(1500))))
                .isInstanceOf(MwaaUnavailableException.class)
                .hasMessageContaining("the deadline is near")
                .hasMessageContaining("SocketTimeoutException");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void serverThatStaysBusy_failsRetryablyWithinTheDeadline() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        Fault[] busy = new Fault[200];
        java.util.Arrays.fill(busy, Fault.status(503));
        emulator.injectCliFaults(busy);
        Instant start = Instant.now();

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, Deadline.after(Duration.ofSeconds(2))))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("HTTP 503");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(emulator.receivedCommands().size()).isGreaterThan(3);
    }

    @Test
    void concurrentCommandsBeyondTheServersCap_allSucceedWithoutExceedingIt() throws Exception {
        MwaaCliClient cli = client(EmulatorConfig.builder().cliCapacity(2, Duration.ofMillis(100)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CliOutput>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline())));
            }
            for (Future<CliOutput> result : results) {
                assertThat(result.get().stdout()).contains("example_dag");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.mostConcurrentCliCommands()).isEqualTo(2);
        assertThat(emulator.busyAnswers()).isPositive();
        assertThat(emulator.cliTokensIssued()).isEqualTo(1);
    }

    @Test
    void burstWithinOneProcess_waitsForFreeSlotsInsteadOfDrawing503s() throws Exception {
        MwaaCliClient cli = client(EmulatorConfig.builder().cliCapacity(4, Duration.ofMillis(50)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<CliOutput>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> cli.execute(LIST, Idempotency.NOT_IDEMPOTENT, deadline())));
            }
            for (Future<CliOutput> result : results) {
                assertThat(result.get().stdout()).contains("example_dag");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.busyAnswers()).isZero();
        assertThat(emulator.mostConcurrentCliCommands()).isEqualTo(4);
        assertThat(emulator.receivedCommands()).hasSize(20);
    }

    @Test
    void callerThatWaitedTooLongForASlot_sendsNothingRatherThanACommandItCannotWaitFor() throws Exception {
        emulator = TestEmulator.start(EmulatorConfig.builder().cliCapacity(4, Duration.ofMillis(1000)));
        Settings oneSlot = Settings.from(TestEmulator.environment(emulator)
                .with(Settings.MAX_CONCURRENT_CLI_CALLS, "1"), new Properties());
        MwaaCliClient cli = TestEmulator.client(oneSlot, java.time.Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CliOutput> first = pool.submit(() -> cli.execute(LIST, Idempotency.NOT_IDEMPOTENT,
                    Deadline.after(Duration.ofSeconds(5))));
            Thread.sleep(100);
            Future<CliOutput> second = pool.submit(() -> cli.execute(LIST, Idempotency.NOT_IDEMPOTENT,
                    Deadline.after(Duration.ofMillis(1200))));

            assertThat(first.get().stdout()).contains("example_dag");
            assertThatThrownBy(second::get).hasCauseInstanceOf(MwaaUnavailableException.class)
                    .hasMessageContaining("every CLI slot of this process stayed busy");
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.receivedCommands()).hasSize(1);
    }

    @Test
    void deadlineTooCloseForAnyAttempt_saysSoRatherThanBlamingBusySlots() {
        MwaaCliClient cli = client(EmulatorConfig.builder());

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, Deadline.after(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.reason()).isEqualTo(MwaaUnavailableException.Reason.TIMED_OUT);
                })
                .hasMessageContaining("the command was not sent: less than the 500 ms one attempt needs was left "
                        + "before the deadline")
                .hasMessageNotContaining("slot")
                .hasMessageNotContaining("MWAA is unavailable");
        assertThat(emulator.cliTokensIssued()).isZero();
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void transientControlPlaneFailure_isRetried() {
        MwaaCliClient cli = client(EmulatorConfig.builder());
        // More 500s in a row than the AWS SDK's own retries absorb (4 attempts per call in its legacy retry mode,
        // the default; 3 in standard mode), so that only this client's retry can get a token. (A dropped connection
        // may also be re-sent by the JDK's HttpURLConnection, so drops alone cannot be counted on to get through.)
        emulator.injectControlPlaneFaults(Fault.status(500), Fault.status(500), Fault.status(500), Fault.status(500),
                Fault.status(500), new Fault.DropConnection());

        cli.execute(LIST, Idempotency.IDEMPOTENT, deadline());

        assertThat(emulator.cliTokensIssued()).isEqualTo(1);
        assertThat(emulator.controlPlaneRequests()).as("six failed CreateCliToken requests, then one that succeeded")
                .isEqualTo(7);
        assertThat(emulator.receivedCommands()).extracting(ReceivedCommand::status).containsExactly(200);
    }

    @Test
    void unknownEnvironment_isAPermanentConfigurationError() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        Settings settings = Settings.from(TestEmulator.environment(emulator)
                .with(Settings.ENVIRONMENT_NAME, "OtherEnvironment"), new Properties());
        MwaaCliClient cli = TestEmulator.client(settings, java.time.Clock.systemUTC());

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()))
                .isInstanceOfSatisfying(MwaaConfigurationException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("'OtherEnvironment' was not found in us-east-1");
    }

    @Test
    void wrongRegion_isRefusedByTheSignatureCheckAsAConfigurationError() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
        Settings settings = Settings.from(TestEmulator.environment(emulator)
                .with(Settings.REGION, "eu-west-1"), new Properties());
        MwaaCliClient cli = TestEmulator.client(settings, java.time.Clock.systemUTC());

        assertThatThrownBy(() -> cli.execute(LIST, Idempotency.IDEMPOTENT, deadline()))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("HTTP 403 InvalidSignatureException: Credential should be scoped to a valid "
                        + "region, not 'eu-west-1'.")
                .hasMessageContaining("Check that AWS_REGION (eu-west-1) is the environment's region")
                .hasMessageNotContaining("airflow:CreateCliToken");
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(20));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
