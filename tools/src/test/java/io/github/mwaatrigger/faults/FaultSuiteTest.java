package io.github.mwaatrigger.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.faults.Attempt.Kind;
import io.github.mwaatrigger.faults.FaultCase.Reach;
import io.github.mwaatrigger.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: a small part of it, run as {@code bin/fault-suite} runs it (so that it cannot rot), and
 * its counting, checked with entry points that misbehave on purpose.
 */
class FaultSuiteTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ROW = Pattern.compile(
            "\\| ([a-z0-9-]+) \\| ([a-z]+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| ([^|]+) \\| [0-9.]+ s \\|");
    private static final FaultCase NO_FAULT = new FaultCase("no-fault", "nothing goes wrong", FaultCases.CURRENT, 1,
            Duration.ZERO, Reach.EMULATOR, (emulator, timeout) -> { });

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLineEntry commandLine = new CommandLineEntry();

    @Test
    void faultsOnTheWebServerAndTheMwaaApi_onEveryEntryPoint_loseAndDuplicateNothing() {
        int code = suite("--case", "dropped-after", "--case", "token-5xx");

        assertThat(code).as(output()).isZero();
        List<Matcher> rows = rows();
        assertThat(rows).extracting(row -> row.group(1) + " " + row.group(2)).containsExactly(
                "dropped-after cli", "dropped-after upload", "dropped-after schedule", "dropped-after api",
                "token-5xx cli", "token-5xx upload", "token-5xx schedule", "token-5xx api");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.group(3)).as("events").isEqualTo("1");
            assertThat(row.group(4)).as("created").isEqualTo("1");
            assertThat(row.group(5)).as("lost").isEqualTo("0");
            assertThat(row.group(6)).as("duplicated").isEqualTo("0");
            assertThat(row.group(7)).as("outcome").isIn("CREATED", "HTTP 200");
        });
        assertThat(output()).contains("- dropped-after: the command runs, then the connection drops before the answer")
                .containsPattern("\nTOTAL: 8 cases, 8 events: 8 created, 0 lost, 0 duplicated, in [0-9.]+ s\n$");
    }

    @Test
    void overRest_faultsOnInvokeRestApi_onEveryEntryPoint_loseAndDuplicateNothing_andCasesWithoutACounterpartAreSkipped() {
        int code = suite("--transport", "rest", "--case", "dropped-after", "--case", "malformed-body", "--case",
                "expired-token");

        assertThat(code).as(output()).isZero();
        List<Matcher> rows = rows();
        assertThat(rows).extracting(row -> row.group(1) + " " + row.group(2)).containsExactly(
                "dropped-after cli", "dropped-after upload", "dropped-after schedule", "dropped-after api",
                "malformed-body cli", "malformed-body upload", "malformed-body schedule", "malformed-body api");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.group(4)).as("created").isEqualTo("1");
            assertThat(row.group(5)).as("lost").isEqualTo("0");
            assertThat(row.group(6)).as("duplicated").isEqualTo("0");
            assertThat(row.group(7)).as("outcome").isIn("CREATED", "HTTP 200");
        });
        assertThat(output()).contains("over the rest transport (MWAA_TRANSPORT=rest, the template's Transport=rest)")
                .contains("- dropped-after: Airflow runs the call, then the InvokeRestApi connection drops before the "
                        + "answer")
                .contains("- expired-token: the web server refuses the CLI token as expired (403) once (skipped on "
                        + "rest: InvokeRestApi takes no CLI token: every call is signed with SigV4)")
                .containsPattern("\nTOTAL: 8 cases, 8 events: 8 created, 0 lost, 0 duplicated, in [0-9.]+ s; skipped "
                        + "on rest: expired-token\n$")
                .doesNotContain("| expired-token |");
    }

    @Test
    void anUnknownTransport_isAUsageErrorNamingTheChoices() {
        assertThatThrownBy(() -> SuiteOptions.parse(List.of("--transport", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--transport 'http' is not a transport: use cli");
    }

    @Test
    void sameSecondCollisions_ofEventsSentAtOnce_startOneRunEach() {
        int code = suite("--case", "same-second", "--entry", "upload");

        assertThat(code).as(output()).isZero();
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.group(3)).isEqualTo("4");
            assertThat(row.group(4)).isEqualTo("4");
            assertThat(row.group(7)).isEqualTo("4 CREATED");
        });
    }

    @Test
    void entryPointThatReportsSuccessWithoutStartingARun_isCountedAsLost() {
        EntryPoint claimsSuccess = entry((connection, event) -> new Attempt(Kind.SUCCEEDED, "CREATED"));

        CaseResult result = new CaseRun(TestTls.authority(), TIMEOUT).run(NO_FAULT, claimsSuccess);

        assertThat(result.created()).isZero();
        assertThat(result.lost()).isEqualTo(1);
    }

    @Test
    void permanentFailureWithoutARun_isCountedAsLost_becauseNobodyRetriesIt() {
        EntryPoint failsForGood = entry((connection, event) -> new Attempt(Kind.PERMANENT, "exit 1"));

        CaseResult result = new CaseRun(TestTls.authority(), TIMEOUT).run(NO_FAULT, failsForGood);

        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo("exit 1");
    }

    @Test
    void entryPointThatStartsASecondRunUnderAnotherRunId_isCountedAsDuplicated() {
        EntryPoint startsTwo = entry((connection, event) -> {
            SuiteEvent renamed = new SuiteEvent(event.payload().replace("demo_1", "demo_1_again"), event.confMember(),
                    event.confValue());
            commandLine.deploy(connection, TIMEOUT).send(renamed);
            return commandLine.deploy(connection, TIMEOUT).send(event);
        });

        CaseResult result = new CaseRun(TestTls.authority(), TIMEOUT).run(NO_FAULT, startsTwo);

        assertThat(result.created()).isEqualTo(1);
        assertThat(result.duplicated()).isEqualTo(1);
        assertThat(result.lost()).isZero();
    }

    @Test
    void retryableFailure_isDeliveredAgainWithTheFaultCleared_andIsNotLost() {
        AtomicInteger sends = new AtomicInteger();
        EntryPoint failsOnce = entry((connection, event) -> sends.incrementAndGet() == 1
                ? new Attempt(Kind.RETRIED, "exit 3") : commandLine.deploy(connection, TIMEOUT).send(event));

        CaseResult result = new CaseRun(TestTls.authority(), TIMEOUT).run(NO_FAULT, failsOnce);

        assertThat(result.outcome()).isEqualTo("exit 3 -> rerun: CREATED");
        assertThat(result.created()).isEqualTo(1);
        assertThat(result.lost()).isZero();
    }

    @Test
    void faultThatIsNeverActedOut_isSaidSo() {
        FaultCase unused = new FaultCase("unused", "a fault no request meets", FaultCases.CURRENT, 1, Duration.ZERO,
                Reach.EMULATOR, (emulator, timeout) -> emulator.injectCliFaults(
                        new io.github.mwaatrigger.emulator.Fault.DropConnection()));
        EntryPoint sendsNothing = entry((connection, event) -> new Attempt(Kind.SUCCEEDED, "CREATED"));

        CaseResult result = new CaseRun(TestTls.authority(), TIMEOUT).run(unused, sendsNothing);

        assertThat(result.outcome()).isEqualTo("CREATED (1 injected faults never acted out)");
    }

    @Test
    void unknownCase_isAUsageErrorThatNamesTheCases() {
        int code = suite("--case", "meteor-strike");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no case 'meteor-strike': choose from busy-503x3, ")
                .contains("burst-50");
    }

    private int suite(String... args) {
        return FaultSuite.run(SuiteOptions.parse(List.of(args)), TestTls.authority(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<Matcher> rows() {
        return output().lines().map(ROW::matcher).filter(Matcher::matches).toList();
    }

    /** The command line's events, sent by {@code send} given the deployment's connection. */
    private EntryPoint entry(java.util.function.BiFunction<Map<String, String>, SuiteEvent, Attempt> send) {
        return new EntryPoint() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public SuiteEvent event(int index) {
                return commandLine.event(index);
            }

            @Override
            public Deployment deploy(Map<String, String> connection, Duration timeout) {
                return event -> send.apply(connection, event);
            }
        };
    }
}
