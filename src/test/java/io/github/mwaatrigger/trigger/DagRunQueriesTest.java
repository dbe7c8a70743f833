package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.InMemoryAirflow;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryControlPlane;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading DAG runs back with {@code dags list-runs}, on the Airflow lines that can list them. */
class DagRunQueriesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00.250Z"));

    private static DagRunQueries queries(InMemoryAirflow airflow, String configuredVersion) {
        return new DagRunQueries(airflow, AirflowDialects.fixed(AirflowVersion.parse(configuredVersion)));
    }

    /** A run made as the trigger service makes it, at {@code logicalDate} if given. */
    private void trigger(InMemoryAirflow airflow, String version, String runId, Optional<Instant> logicalDate) {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.parse(version));
        airflow.run(dialect.triggerCommand("d", runId, JsonObject.empty(), logicalDate), Idempotency.IDEMPOTENT,
                deadline());
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.5.1", "2.10.3", "3.0.6"})
    void page_listsRunsNewestFirst(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        trigger(airflow, version, "middle", Optional.of(Instant.parse("2024-05-02T00:00:00Z")));
        trigger(airflow, version, "newest", Optional.of(Instant.parse("2024-05-03T00:00:00Z")));
        trigger(airflow, version, "oldest", Optional.of(Instant.parse("2024-05-01T00:00:00Z")));

        assertThat(queries(airflow, version).page("d", new DagRunListQuery(100, 0), deadline()).runs())
                .extracting(DagRun::runId).containsExactly("newest", "middle", "oldest");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.10.3", "3.0.6"})
    void find_findsTheRunByItsId_withWhatListRunsReports(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        trigger(airflow, version, "r1", Optional.of(Instant.parse("2024-05-01T00:00:00Z")));

        Optional<DagRun> run = queries(airflow, version).find("d", "r1", deadline());

        assertThat(run).hasValueSatisfying(found -> {
            assertThat(found.state()).isEqualTo("queued");
            assertThat(found.logicalDate()).isEqualTo("2024-05-01T00:00:00+00:00");
            assertThat(found.runType()).isEqualTo("manual");
            assertThat(found.externalTrigger()).isTrue();
            assertThat(found.conf()).as("list-runs does not report conf").isNull();
        });
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.5.1", "2.10.3", "3.0.6"})
    void run_readsItsConfWithDagsState(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.parse(version));
        JsonObject conf = Json.parseObject("{\"path\": \"s3://b/k\", \"n\": 1.50, \"it's\": [true, null]}", "conf");
        airflow.run(dialect.triggerCommand("d", "r1", conf, Optional.empty()), Idempotency.IDEMPOTENT, deadline());
        clock.advance(Duration.ofSeconds(1));
        trigger(airflow, version, "plain", Optional.empty());

        DagRunQueries queries = queries(airflow, version);

        assertThat(queries.run("d", "r1", deadline())).hasValueSatisfying(run -> {
            assertThat(run.conf()).isEqualTo(conf);
            assertThat(run.state()).isEqualTo("queued");
        });
        assertThat(queries.run("d", "plain", deadline()))
                .hasValueSatisfying(run -> assertThat(run.conf()).isEqualTo(JsonObject.empty()));
        assertThat(airflow.commands()).extracting(command -> command.words().get(1))
                .containsSubsequence("list-runs", "state", "list-runs", "state");
    }

    @Test
    void listOfADagWhoseAnswerIsTooLarge_isTooManyRuns_sayingHowToNarrowIt() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        airflow.script(Fault.ANSWER_TOO_LARGE, Fault.ANSWER_TOO_LARGE);

        DagRunQueries queries = queries(airflow, "2.10.3");

        assertThatThrownBy(() -> queries.page("d", new DagRunListQuery(100, 0), deadline()))
                .isInstanceOfSatisfying(TooManyRunsException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessage("DAG 'd' has more runs than the Airflow CLI can list in one answer: narrow the list with "
                        + "execution_date_gte and execution_date_lte (or a single state), or set MWAA_TRANSPORT=rest "
                        + "(the template's Transport=rest): the REST transport pages in Airflow");
        assertThatThrownBy(() -> queries.find("d", "r1", deadline()))
                .isInstanceOf(TooManyRunsException.class)
                .hasMessageContaining("so run 'r1' cannot be looked up through it: delete old runs");
    }

    @Test
    void runThatDoesNotExist_isNotFound() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        trigger(airflow, "2.10.3", "r1", Optional.empty());

        assertThat(queries(airflow, "2.10.3").run("d", "r2", deadline())).isEmpty();
        assertThat(airflow.commands()).extracting(command -> command.words().get(1))
                .as("no dags state for a run that is not there").doesNotContain("state");
    }

    @Test
    void runOnAirflow3WithoutALogicalDate_isListedWithNone() {
        InMemoryAirflow airflow = new InMemoryAirflow("3.0.6", clock, "d");
        trigger(airflow, "3.0.6", "r1", Optional.empty());

        assertThat(queries(airflow, "3.0.6").run("d", "r1", deadline()))
                .hasValueSatisfying(run -> assertThat(run.logicalDate()).isNull());
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.10.3", "3.0.6"})
    void runsOfAnUnknownDag_areAPermanentDagNotFound(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "other_dag");

        assertThatThrownBy(() -> queries(airflow, version).page("d", new DagRunListQuery(100, 0), deadline()))
                .isInstanceOfSatisfying(DagNotFoundException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("DAG 'd' was not found in Airflow (");
    }

    @Test
    void runsAmidMwaasLogLinesAndWarnings_areRead() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        trigger(airflow, "2.10.3", "r1", Optional.empty());
        airflow.script(Fault.NOISY);

        assertThat(queries(airflow, "2.10.3").page("d", new DagRunListQuery(100, 0), deadline()).runs())
                .extracting(DagRun::runId).containsExactly("r1");
    }

    @Test
    void onAirflow110_listingIsRefusedBeforeAnythingIsSent() {
        InMemoryAirflow airflow = new InMemoryAirflow("1.10.12", clock, "d");

        assertThatThrownBy(() -> queries(airflow, "1.10.12").page("d", new DagRunListQuery(100, 0), deadline()))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessage("listing DAG runs needs Airflow 2.0 or later; this environment runs 1.10.12");
        assertThat(airflow.commands()).isEmpty();
    }

    @Test
    void invalidDagId_isRefusedBeforeMwaaIsAskedAnything_theVersionIncluded() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        InMemoryControlPlane controlPlane = new InMemoryControlPlane("2.10.3");
        DagRunQueries queries = new DagRunQueries(airflow, AirflowDialects.discoveredThrough(controlPlane));

        assertThatThrownBy(() -> queries.page("-o json", new DagRunListQuery(100, 0), deadline()))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageContaining("is not a valid DAG id");
        assertThat(controlPlane.calls()).isEmpty();
        assertThat(airflow.commands()).isEmpty();
    }

    @ParameterizedTest(name = "AIRFLOW_VERSION {0} on Airflow {1}")
    @CsvSource({"3.0.6, 2.10.3", "2.10.3, 3.0.6"})
    void listingTheEnvironmentsVersionDoesNotAccept_isAPermanentErrorNamingAirflowVersion(String configured,
            String actual) {
        InMemoryAirflow airflow = new InMemoryAirflow(actual, clock, "d");

        assertThatThrownBy(() -> queries(airflow, configured).page("d", new DagRunListQuery(100, 0), deadline()))
                .isInstanceOfSatisfying(AirflowCommandException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("Airflow " + configured + " did not accept dags list-runs (")
                .hasMessageEndingWith("check that AIRFLOW_VERSION is the environment's version, or set it to auto");
    }

    @Test
    void mwaaUnavailable_reachesTheCaller() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        airflow.script(Fault.BUSY);

        assertThatThrownBy(() -> queries(airflow, "2.10.3").page("d", new DagRunListQuery(100, 0), deadline()))
                .isInstanceOfSatisfying(MwaaUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(MwaaUnavailableException.Reason.BUSY));
    }
}
