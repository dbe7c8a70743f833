package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.ClockAdvancingSleeper;
import io.github.mwaatrigger.testing.InMemoryAirflow;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryControlPlane;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exactly one run per run id, on every Airflow line MWAA has run, whatever Airflow and MWAA answer. */
class TriggerServiceTest {

    private static final JsonObject CONF = Json.parseObject("{\"path\": \"s3://bucket/key\"}", "conf");
    private static final Instant LOGICAL_DATE = Instant.parse("2024-06-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00.250Z"));
    private final ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(clock);

    /** One version of each Airflow line: 1.10, 2.0-2.1, 2.2-2.5, 2.6+ and 3.x. */
    static Stream<String> airflowLines() {
        return Stream.of("1.10.12", "2.0.2", "2.5.1", "2.10.3", "3.0.6");
    }

    private TriggerService service(InMemoryAirflow airflow, AirflowDialects dialects) {
        return new TriggerService(airflow, dialects, new DagRunQueries(airflow, dialects), clock, sleeper,
                new Random(20240601));
    }

    private TriggerService service(InMemoryAirflow airflow, String configuredVersion) {
        return service(airflow, AirflowDialects.fixed(AirflowVersion.parse(configuredVersion)));
    }

    private TriggerResult trigger(TriggerService service, String runId) {
        return service.trigger(DagRunRequest.of("d", runId, CONF), deadline());
    }

    private TriggerResult triggerAt(TriggerService service, String runId, Instant logicalDate) {
        return service.trigger(new DagRunRequest("d", runId, CONF, Optional.of(logicalDate)), deadline());
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void firstTrigger_createsTheRunWithItsConf(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");

        TriggerResult result = trigger(service(airflow, version), "r1");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().runId()).isEqualTo("r1");
        assertThat(result.run().conf()).isEqualTo(CONF);
        assertThat(airflow.runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("r1");
            assertThat(run.conf()).isEqualTo(CONF);
        });
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void repeatedTrigger_isAlreadyExisted_andMakesNoSecondRun(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        TriggerService service = service(airflow, version);
        trigger(service, "r1");
        clock.advance(Duration.ofMinutes(5));

        TriggerResult repeat = trigger(service, "r1");

        assertThat(repeat.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(repeat.run().runId()).isEqualTo("r1");
        assertThat(airflow.runs()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"1.10.12", "2.0.2", "2.5.1"})
    void secondRunInTheSameSecond_beforeAirflow26_isSentAtOnceAtARecentFreeSecond_neverSwallowed(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        TriggerService service = service(airflow, version);
        trigger(service, "first");

        TriggerResult second = trigger(service, "second");

        assertThat(second.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(second.run().runId()).isEqualTo("second");
        assertThat(sleeper.waits()).as("an earlier second needs no wait").isEmpty();
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).containsExactly("first", "second");
        Instant firstDate = airflow.runs().get(0).logicalDate().orElseThrow();
        Instant secondDate = airflow.runs().get(1).logicalDate().orElseThrow();
        assertThat(firstDate).isEqualTo(Instant.parse("2024-06-01T08:30:00Z"));
        assertThat(secondDate).isBefore(firstDate)
                .isAfterOrEqualTo(firstDate.minusSeconds(RecentFreeSeconds.CANDIDATES));
        List<String> retry = airflow.commands().get(airflow.commands().size() - 1).words();
        assertThat(retry).contains("-e");
        assertThat(OffsetDateTime.parse(retry.get(retry.indexOf("-e") + 1)).toInstant()).isEqualTo(secondDate);
    }

    @Test
    void secondRunAtTheSameMoment_onAirflow26Plus_isSentAgainAfterAFewRandomMilliseconds() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        TriggerService service = service(airflow, "2.10.3");
        trigger(service, "first");

        TriggerResult second = trigger(service, "second");

        assertThat(second.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(sleeper.waits()).singleElement().satisfies(wait -> assertThat(wait)
                .isBetween(Duration.ofMillis(1), TriggerService.MICROSECOND_COLLISION_JITTER));
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).containsExactly("first", "second");
        assertThat(airflow.runs().get(1).logicalDate().orElseThrow())
                .as("now again, to the microsecond, not a date of our choosing")
                .isEqualTo(airflow.runs().get(0).logicalDate().orElseThrow().plus(sleeper.waits().get(0)));
        assertThat(airflow.commands()).extracting(CliCommand::words).noneSatisfy(words -> assertThat(words)
                .contains("-e"));
    }

    /**
     * Fifty callers trigger one DAG in the same second of an Airflow 2.5, each with its own run id, as fifty
     * API requests without dag_run_id do: every one makes its own run, at a second of its own, without
     * waiting for later seconds. The clock stands still, so "now" is one second for all of them.
     */
    @Test
    void burstOfFiftyInOneSecond_onAirflow25_makesFiftyRunsAtDistinctSeconds_withoutWaiting() throws Exception {
        InMemoryAirflow airflow = new InMemoryAirflow("2.5.1", clock, "d");
        TriggerService service = service(airflow, "2.5.1");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<TriggerResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String runId = "api__" + i;
                results.add(callers.submit(() -> trigger(service, runId)));
            }
            for (Future<TriggerResult> result : results) {
                assertThat(result.get().outcome()).isEqualTo(TriggerOutcome.CREATED);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(airflow.runs()).hasSize(50);
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).doesNotHaveDuplicates();
        assertThat(airflow.runs()).extracting(run -> run.logicalDate().orElseThrow()).doesNotHaveDuplicates()
                .allSatisfy(date -> assertThat(date).isBetween(clock.instant().minusSeconds(120), clock.instant()));
        assertThat(sleeper.waits()).isEmpty();
        assertThat(airflow.commands()).as("a trigger, then a look-up and a retry per collision, a few times at most")
                .hasSizeLessThan(50 * 6);
    }

    @Test
    void aSecondThatAnotherRunAlreadyHolds_isNeverChosen() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.5.1", clock, "d");
        TriggerService service = service(airflow, "2.5.1");
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int back = 1; back < RecentFreeSeconds.CANDIDATES; back++) {
            triggerAt(service, "held_" + back, now.minusSeconds(back));
        }
        trigger(service, "now");

        trigger(service, "collided");

        Instant chosen = airflow.runs().get(airflow.runs().size() - 1).logicalDate().orElseThrow();
        assertThat(chosen).as("the only free second of the last minute is a minute ago, and the next ones before it")
                .isBeforeOrEqualTo(now.minusSeconds(RecentFreeSeconds.CANDIDATES));
        assertThat(airflow.runs()).extracting(run -> run.logicalDate().orElseThrow()).doesNotHaveDuplicates();
    }

    @Test
    void runsInTheSameSecond_onAirflow3_needNoLogicalDateAndNoWait() {
        InMemoryAirflow airflow = new InMemoryAirflow("3.0.6", clock, "d");
        TriggerService service = service(airflow, "3.0.6");

        trigger(service, "first");
        TriggerResult second = trigger(service, "second");

        assertThat(second.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(airflow.runs()).allSatisfy(run -> assertThat(run.logicalDate()).isEmpty());
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void ourOwnLostAnswer_thenAlreadyExists_countsAsCreated(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        airflow.script(Fault.ANSWER_LOST);

        TriggerResult result = trigger(service(airflow, version), "r1");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().runId()).isEqualTo("r1");
        assertThat(airflow.runs()).hasSize(1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.5.1", "2.10.3", "3.0.6"})
    void runCreatedButItsAnswerUnreadable_isLookedUpAndReportedCreated(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        airflow.script(Fault.UNREADABLE_ANSWER);

        TriggerResult result = trigger(service(airflow, version), "r1");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().runId()).isEqualTo("r1");
        assertThat(airflow.runs()).hasSize(1);
        assertThat(airflow.commands()).extracting(command -> command.words().get(1))
                .containsExactly("trigger", "list-runs");
    }

    @Test
    void runCreatedButItsAnswerUnreadable_onAirflow110_isRetryable_neverPermanent() {
        InMemoryAirflow airflow = new InMemoryAirflow("1.10.12", clock, "d");
        airflow.script(Fault.UNREADABLE_ANSWER);
        TriggerService service = service(airflow, "1.10.12");

        assertThatThrownBy(() -> trigger(service, "r1"))
                .isInstanceOfSatisfying(AirflowCommandException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageStartingWith("triggering run 'r1' of DAG 'd' failed in Airflow or answered in a way that "
                        + "cannot be read (the trigger command printed neither a created run nor an error)")
                .hasMessageEndingWith("cannot list runs to tell whether the run was created: trying again with the "
                        + "same run id is safe");
        TriggerResult retried = trigger(service, "r1");
        assertThat(retried.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(airflow.runs()).hasSize(1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.5.1", "2.10.3", "3.0.6"})
    void failureInAirflowThatCreatedNothing_isRetryable_afterLookingTheRunUp(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        airflow.script(Fault.FAILS_IN_AIRFLOW);

        assertThatThrownBy(() -> trigger(service(airflow, version), "r1"))
                .isInstanceOfSatisfying(AirflowCommandException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("(sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed "
                        + "the connection unexpectedly)")
                .hasMessageEndingWith("the run does not exist, so trying again is safe");
        assertThat(airflow.runs()).isEmpty();
        assertThat(airflow.commands()).extracting(command -> command.words().get(1))
                .containsExactly("trigger", "list-runs");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void confAtTheDeepestAccepted_isCreatedWithExactlyThatConf(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        JsonObject deepest = nested(DagRunRequest.MAX_CONF_DEPTH);

        TriggerResult result = service(airflow, version).trigger(DagRunRequest.of("d", "deep", deepest), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(airflow.runs()).singleElement().satisfies(run -> assertThat(run.conf()).isEqualTo(deepest));
        assertThat(airflow.commands()).as("read from the trigger's own answer").hasSize(1);
    }

    /** A conf {@code depth} levels deep, the conf object counting as 1, with a number at the bottom. */
    static JsonObject nested(int depth) {
        JsonObject conf = JsonObject.builder().put("leaf", 1).build();
        for (int level = 1; level < depth; level++) {
            conf = JsonObject.builder().put("a", conf).build();
        }
        return conf;
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void answerAmidMwaasLogLinesAndWarnings_isRead(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        TriggerService service = service(airflow, version);
        airflow.script(Fault.NOISY);
        TriggerResult created = trigger(service, "r1");
        airflow.script(Fault.NOISY, Fault.NOISY);

        TriggerResult repeat = trigger(service, "r1");

        assertThat(created.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(repeat.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(airflow.runs()).hasSize(1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void unknownDag_isAPermanentDagNotFound(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "other_dag");

        assertThatThrownBy(() -> trigger(service(airflow, version), "r1"))
                .isInstanceOfSatisfying(DagNotFoundException.class,
                        e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("DAG 'd' was not found in Airflow (")
                .hasMessageEndingWith("): check the DAG id and that the DAG file is deployed and imports without "
                        + "errors");
        assertThat(airflow.runs()).isEmpty();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.6.3", "2.10.3", "3.0.6"})
    void runIdTheEnvironmentRefuses_isAPermanentRefusalQuotingAirflow(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        airflow.allowRunIdsMatching("^[a-z0-9_]+$");

        assertThatThrownBy(() -> trigger(service(airflow, version), "Order.1"))
                .isInstanceOfSatisfying(AirflowRefusedArgumentException.class,
                        e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("Airflow refused run 'Order.1' of DAG 'd': ValueError: The run_id provided "
                        + "'Order.1' does not match");
        assertThat(airflow.runs()).isEmpty();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void logicalDateAnotherRunHolds_isAConflict_withoutWaiting(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        TriggerService service = service(airflow, version);
        triggerAt(service, "first", LOGICAL_DATE);

        assertThatThrownBy(() -> triggerAt(service, "second", LOGICAL_DATE))
                .isInstanceOfSatisfying(DagRunConflictException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("DAG 'd' already has a run at logical date 2024-06-01T00:00:00Z (");
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).containsExactly("first");
        assertThat(sleeper.waits()).isEmpty();
    }

    @ParameterizedTest(name = "AIRFLOW_VERSION {0} on Airflow {1}")
    @CsvSource({"2.10.3, 1.10.12", "1.10.12, 2.10.3", "2.10.3, 2.5.1", "3.0.6, 2.10.3", "2.10.3, 3.0.6"})
    void commandTheEnvironmentsVersionDoesNotAccept_isAPermanentErrorNamingAirflowVersion(String configured,
            String actual) {
        InMemoryAirflow airflow = new InMemoryAirflow(actual, clock, "d");

        assertThatThrownBy(() -> triggerAt(service(airflow, configured), "r1", LOGICAL_DATE))
                .isInstanceOfSatisfying(AirflowCommandException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("Airflow " + AirflowVersion.parse(configured) + " did not accept the trigger "
                        + "command (")
                .hasMessageEndingWith("check that AIRFLOW_VERSION is the environment's version, or set it to auto");
        assertThat(airflow.runs()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"BUSY, BUSY", "TIMED_OUT, TIMED_OUT", "FAILING, FAILING"})
    void mwaaUnavailable_isARetryableFailureSayingHow(Fault fault, MwaaUnavailableException.Reason reason) {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        airflow.script(fault);

        assertThatThrownBy(() -> trigger(service(airflow, "2.10.3"), "r1"))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.reason()).isEqualTo(reason);
                });
        assertThat(airflow.runs()).isEmpty();
    }

    @Test
    void versionLeftToAuto_isAskedOnce_onTheFirstTrigger_notBefore() {
        InMemoryAirflow airflow = new InMemoryAirflow("3.0.6", clock, "d");
        InMemoryControlPlane controlPlane = new InMemoryControlPlane("3.0.6");
        TriggerService service = service(airflow, AirflowDialects.discoveredThrough(controlPlane));
        assertThat(controlPlane.calls()).isEmpty();

        triggerAt(service, "r1", LOGICAL_DATE);
        triggerAt(service, "r2", LOGICAL_DATE.plusSeconds(60));

        assertThat(controlPlane.calls()).containsExactly("GetEnvironment");
        assertThat(airflow.commands()).extracting(CliCommand::words)
                .allSatisfy(words -> assertThat(words).contains("--logical-date"));
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::logicalDate)
                .containsExactly(Optional.of(LOGICAL_DATE), Optional.of(LOGICAL_DATE.plusSeconds(60)));
    }

    @Test
    void versionTheEnvironmentReports_thatNoDialectSpeaks_isAConfigurationError() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        TriggerService service = service(airflow, AirflowDialects.discoveredThrough(new InMemoryControlPlane("4.1.0")));

        assertThatThrownBy(() -> trigger(service, "r1"))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageStartingWith("the environment reports Airflow version '4.1.0', which this version of "
                        + "mwaa-trigger cannot drive");
        assertThat(airflow.commands()).isEmpty();
    }
}
