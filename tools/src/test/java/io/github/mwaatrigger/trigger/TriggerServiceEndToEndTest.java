package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.testing.TestEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trigger service against the emulator over HTTPS, for every Airflow line MWAA has run. */
class TriggerServiceEndToEndTest {

    private static final String DAG = "example_dag";

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"1.10.12", "2.0.2", "2.2.2", "2.5.1", "2.6.3", "2.8.1", "2.10.3", "3.0.6"})
    void firstTrigger_createsTheRunWithExactlyItsConf(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse(version))) {
            MwaaServices services = TestEmulator.services(emulator);
            JsonObject conf = Json.parseObject("{\"q\": \"it's \\\"quoted\\\"\", \"cmd\": \"$(touch /tmp/x); `id` && echo ~ *\", "
                    + "\"backslash\": \"a\\\\b\\\\\", \"lines\": \"one\\ntwo\\r\\n\\tthree\", \"unicode\": \"é ü 日本 😀\", "
                    + "\"option\": \"-o json --help\", \"size\": 12, \"ratio\": 1.5, \"nested\": {\"ok\": true, \"none\": null}}",
                    "conf");

            TriggerResult result = services.dagRuns().trigger(DagRunRequest.of(DAG, "upload_1", conf), deadline());

            assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
            assertThat(result.run().runId()).isEqualTo("upload_1");
            assertThat(result.run().dagId()).isEqualTo(DAG);
            assertThat(emulator.runs()).singleElement().satisfies(run -> {
                assertThat(run.runId()).isEqualTo("upload_1");
                assertThat(run.conf()).isEqualTo(conf);
            });
        }
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"1.10.12", "2.0.2", "2.2.2", "2.5.1", "2.6.3", "2.10.3", "3.0.6"})
    void repeatedTrigger_reportsTheExistingRunAndCreatesNothing(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse(version))) {
            MwaaServices services = TestEmulator.services(emulator);
            DagRunRequest request = DagRunRequest.of(DAG, "event_42", JsonObject.empty());
            services.dagRuns().trigger(request, deadline());

            TriggerResult repeat = services.dagRuns().trigger(request, deadline());

            assertThat(repeat.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
            assertThat(repeat.run().runId()).isEqualTo("event_42");
            assertThat(emulator.runs()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"1.10.12", "2.0.2", "2.5.1", "2.10.3", "3.0.6"})
    void unknownDag_isAPermanentDagNotFound(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse(version))) {
            MwaaServices services = TestEmulator.services(emulator);

            assertThatThrownBy(() -> services.dagRuns().trigger(
                    DagRunRequest.of("no_such_dag", "r1", JsonObject.empty()), deadline()))
                    .isInstanceOfSatisfying(DagNotFoundException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("no_such_dag");
                    });
            assertThat(emulator.runs()).isEmpty();
        }
    }

    /**
     * Two different triggers in the same second: on Airflow 2.x they collide on the logical date (2.2+
     * says "already exists" naming the second run id; 2.0-2.1 and 1.10 hit the unique constraint). The
     * service must create both, never report the second as a duplicate. The emulator's clock only moves
     * when the service waits, so the collision happens every time.
     */
    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"1.10.12", "2.0.2", "2.2.2", "2.5.1", "2.6.3", "2.10.3", "3.0.6"})
    void sameSecondTriggersOfOneDag_bothCreateRuns(String version) {
        MutableClock clock = MutableClock.atSystemSecond();
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder()
                .airflowVersion(AirflowVersion.parse(version)).clock(clock))) {
            MwaaServices services = TestEmulator.services(emulator);
            AirflowDialects dialects = AirflowDialects.fixed(AirflowVersion.parse(version));
            TriggerService triggers = new TriggerService(services.cli(), dialects,
                    new DagRunQueries(services.cli(), dialects), clock, clock::advance);

            TriggerResult first = triggers.trigger(DagRunRequest.of(DAG, "first", JsonObject.empty()), deadline());
            TriggerResult second = triggers.trigger(DagRunRequest.of(DAG, "second", JsonObject.empty()), deadline());

            assertThat(List.of(first.outcome(), second.outcome())).containsOnly(TriggerOutcome.CREATED);
            assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("first", "second");
            long triggerCommands = emulator.receivedCommands().stream()
                    .filter(command -> command.body().contains("trigger")).count();
            boolean noLogicalDateOnAirflow3 = version.startsWith("3.");
            assertThat(triggerCommands).as("the second trigger collided and was retried")
                    .isEqualTo(noLogicalDateOnAirflow3 ? 2 : 3);
        }
    }

    /**
     * The deepest conf a request takes comes back two levels deeper in Airflow's {@code -o json} answer
     * ({@code [{"conf": ...}]}): that answer must still be read, without a look-up.
     */
    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.5.1", "2.6.3", "2.10.3", "3.0.6"})
    void confAtTheDeepestAccepted_isCreated_andTheTriggersOwnAnswerRead(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse(version))) {
            MwaaServices services = TestEmulator.services(emulator);
            int depth = DagRunRequest.MAX_CONF_DEPTH;
            JsonObject deepest = Json.parseObject("{\"a\":".repeat(depth - 1) + "{\"ratio\": 1.5, \"n\": 7}"
                    + "}".repeat(depth - 1), "conf");

            TriggerResult result = services.dagRuns().trigger(DagRunRequest.of(DAG, "deep", deepest), deadline());

            assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
            assertThat(emulator.runs()).singleElement().satisfies(run -> assertThat(run.conf()).isEqualTo(deepest));
            assertThat(emulator.receivedCommands()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.5.1", "2.10.3", "3.0.6"})
    void secondRunAtATakenLogicalDate_isAConflict(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse(version))) {
            MwaaServices services = TestEmulator.services(emulator);
            Optional<Instant> date = Optional.of(Instant.parse("2024-06-01T00:00:00Z"));
            services.dagRuns().trigger(new DagRunRequest(DAG, "a", JsonObject.empty(), date), deadline());

            assertThatThrownBy(() -> services.dagRuns().trigger(
                    new DagRunRequest(DAG, "b", JsonObject.empty(), date), deadline()))
                    .isInstanceOf(DagRunConflictException.class)
                    .hasMessageContaining("2024-06-01T00:00:00Z");
            assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("a");
        }
    }

    @Test
    void listingRunsOnAirflow110_isRefusedAsAnInvalidRequest() {
        try (MwaaEmulator emulator = TestEmulator.start(AirflowVersion.parse("1.10.12"))) {
            MwaaServices services = TestEmulator.services(emulator);

            assertThatThrownBy(() -> services.dagRuns().list(DAG, new DagRunListQuery(100, 0), deadline()))
                    .isInstanceOf(InvalidDagRunRequestException.class)
                    .hasMessage("listing DAG runs needs Airflow 2.0 or later; this environment runs 1.10.12");
            assertThat(emulator.receivedCommands()).isEmpty();
        }
    }

    @Test
    void listingRunsOfAnInvalidDagId_isRefusedBeforeMwaaIsAskedAnything() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            MwaaServices services = TestEmulator.services(TestEmulator.settingsWithAutoVersion(emulator),
                    java.time.Clock.systemUTC());

            assertThatThrownBy(() -> services.dagRuns().list("no spaces; please", new DagRunListQuery(100, 0), deadline()))
                    .isInstanceOf(InvalidDagRunRequestException.class)
                    .hasMessageContaining("is not a valid DAG id");
            assertThat(emulator.controlPlaneRequests()).as("not even GetEnvironment").isZero();
            assertThat(emulator.receivedCommands()).isEmpty();
        }
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(20));
    }
}
