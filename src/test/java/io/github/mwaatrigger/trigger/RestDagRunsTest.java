package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.RestApiDialects;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.InvokeRestApiGrant;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import io.github.mwaatrigger.testing.ClockAdvancingSleeper;
import io.github.mwaatrigger.testing.InMemoryAirflow;
import io.github.mwaatrigger.testing.InMemoryControlPlane;
import io.github.mwaatrigger.testing.InMemoryRestApi;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly one run per run id through Airflow's REST API, on Airflow 2 (v1) and 3 (v2), whatever Airflow and
 * MWAA answer, including run ids too long to read back at their own path.
 */
class RestDagRunsTest {

    private static final JsonObject CONF = Json.parseObject("{\"path\": \"s3://bucket/key\"}", "conf");
    private static final Instant LOGICAL_DATE = Instant.parse("2024-06-01T00:00:00Z");
    /** An upload's run id: with an 11-character DAG id its own path has 66 characters, 2 too many. */
    private static final String UPLOAD_RUN_ID = "s3__report.csv__3f9a0c1b2d4e5f60718293a4";
    private static final InvokeRestApiGrant GRANT = new InvokeRestApiGrant("MyEnv", "eu-west-1", Optional.of("User"));

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00.250Z"));
    private final ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(clock);

    static Stream<String> airflowLines() {
        return Stream.of("2.4.3", "2.10.3", "3.0.6");
    }

    private RestDagRuns dagRuns(InMemoryRestApi api, String version) {
        return new RestDagRuns(api, RestApiDialects.fixed(AirflowVersion.parse(version)), GRANT,
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), new Random(7)), sleeper);
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    private static List<String> paths(InMemoryRestApi api) {
        return api.requests().stream().map(RestApiRequest::toString).toList();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void firstTrigger_createsTheRunWithItsConf_andReportsItAsAirflowDoes(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        InMemoryRestApi api = new InMemoryRestApi(airflow);

        TriggerResult result = dagRuns(api, version).trigger(DagRunRequest.of("d", "r1", CONF), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().runId()).isEqualTo("r1");
        assertThat(result.run().state()).isEqualTo("queued");
        assertThat(result.run().conf()).isEqualTo(CONF);
        assertThat(result.run().runType()).isEqualTo("manual");
        assertThat(airflow.runs()).singleElement().satisfies(run -> assertThat(run.conf()).isEqualTo(CONF));
        assertThat(paths(api)).containsExactly("POST /dags/d/dagRuns");
    }

    @Test
    void airflow2_stampsTheRunNowToTheMicrosecond_airflow3_stampsNoLogicalDate() {
        InMemoryAirflow airflow2 = new InMemoryAirflow("2.10.3", clock, "d");
        InMemoryAirflow airflow3 = new InMemoryAirflow("3.0.6", clock, "d");

        TriggerResult v1 = dagRuns(new InMemoryRestApi(airflow2), "2.10.3").trigger(DagRunRequest.of("d", "r", CONF),
                deadline());
        TriggerResult v2 = dagRuns(new InMemoryRestApi(airflow3), "3.0.6").trigger(DagRunRequest.of("d", "r", CONF),
                deadline());

        assertThat(v1.run().logicalDate()).isEqualTo("2024-06-01T08:30:00.250000+00:00");
        assertThat(v1.run().externalTrigger()).isTrue();
        assertThat(v2.run().logicalDate()).isNull();
        assertThat(airflow3.runs()).singleElement().satisfies(run -> assertThat(run.logicalDate()).isEmpty());
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void repeat_isAlreadyExisted_withTheRunAsItIs_andMakesNoSecondRun(String version) {
        InMemoryRestApi api = new InMemoryRestApi(new InMemoryAirflow(version, clock, "d"));
        RestDagRuns runs = dagRuns(api, version);
        runs.trigger(DagRunRequest.of("d", "r1", CONF), deadline());
        clock.advance(Duration.ofSeconds(3));

        TriggerResult again = runs.trigger(DagRunRequest.of("d", "r1", CONF), deadline());

        assertThat(again.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(again.run().state()).isEqualTo("queued");
        assertThat(paths(api)).containsExactly("POST /dags/d/dagRuns", "POST /dags/d/dagRuns", "GET /dags/d/dagRuns/r1");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void lostAnswer_thenConflict_isOurOwnRun_reportedAsCreated(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        InMemoryRestApi api = new InMemoryRestApi(airflow);
        api.script(InMemoryRestApi.Fault.ANSWER_LOST);

        TriggerResult result = dagRuns(api, version).trigger(DagRunRequest.of("d", "r1", CONF), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(airflow.runs()).hasSize(1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void longRunIds_whoseOwnPathIsTooLong_areFoundInTheNewestRuns_onARepeat(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "example_dag");
        InMemoryRestApi api = new InMemoryRestApi(airflow);
        RestDagRuns runs = dagRuns(api, version);
        DagRunRequest upload = DagRunRequest.of("example_dag", UPLOAD_RUN_ID, CONF);
        assertThat(("/dags/example_dag/dagRuns/" + UPLOAD_RUN_ID).length()).isGreaterThan(RestApiRequest.MAX_PATH_LENGTH);
        runs.trigger(upload, deadline());
        clock.advance(Duration.ofSeconds(1));

        TriggerResult again = runs.trigger(upload, deadline());

        assertThat(again.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(again.run().state()).isEqualTo("queued");
        assertThat(airflow.runs()).hasSize(1);
        assertThat(api.requests()).allSatisfy(request -> assertThat(request.path()).hasSizeLessThanOrEqualTo(64));
        assertThat(paths(api)).containsExactly("POST /dags/example_dag/dagRuns", "POST /dags/example_dag/dagRuns",
                "GET /dags/example_dag/dagRuns");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void longRunIds_atALogicalDateTheCallerChose_areReadAtThatDate(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "example_dag");
        RestDagRuns runs = dagRuns(new InMemoryRestApi(airflow), version);
        DagRunRequest scheduled = new DagRunRequest("example_dag", UPLOAD_RUN_ID, CONF, Optional.of(LOGICAL_DATE));
        runs.trigger(scheduled, deadline());

        TriggerResult again = runs.trigger(scheduled, deadline());
        DagRunRequest other = new DagRunRequest("example_dag", UPLOAD_RUN_ID.replace('3', '4'), CONF,
                Optional.of(LOGICAL_DATE));

        assertThat(again.outcome()).isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(again.run().logicalDate()).startsWith("2024-06-01T00:00:00");
        assertThatThrownBy(() -> runs.trigger(other, deadline())).isInstanceOf(DagRunConflictException.class)
                .hasMessageContaining("already has a run at logical date 2024-06-01T00:00:00Z");
        assertThat(airflow.runs()).hasSize(1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void aLogicalDateTheCallerChose_takenByAnotherRun_isAPermanentConflict(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        RestDagRuns runs = dagRuns(new InMemoryRestApi(airflow), version);
        runs.trigger(new DagRunRequest("d", "first", CONF, Optional.of(LOGICAL_DATE)), deadline());

        assertThatThrownBy(() -> runs.trigger(new DagRunRequest("d", "second", CONF, Optional.of(LOGICAL_DATE)),
                deadline()))
                .isInstanceOfSatisfying(DagRunConflictException.class, e -> assertThat(e.isRetryable()).isFalse());
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).containsExactly("first");
    }

    @ParameterizedTest(name = "run id {0}")
    @ValueSource(strings = {"r2", UPLOAD_RUN_ID})
    void airflow2_twoTriggersInTheSameMicrosecond_collideOnTheLogicalDate_andTheSecondIsRetried(String runId) {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "example_dag");
        InMemoryRestApi api = new InMemoryRestApi(airflow);
        RestDagRuns runs = dagRuns(api, "2.10.3");
        runs.trigger(DagRunRequest.of("example_dag", "r1", CONF), deadline());

        TriggerResult second = runs.trigger(DagRunRequest.of("example_dag", runId, CONF), deadline());

        assertThat(second.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).containsExactly("r1", runId);
        assertThat(sleeper.waits()).hasSize(1);
        assertThat(sleeper.waits().get(0)).isLessThanOrEqualTo(Backoff.BUSY_CAP);
    }

    @Test
    void collisionsThatNeverStop_failRetryably() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        RestDagRuns runs = new RestDagRuns(new InMemoryRestApi(airflow), RestApiDialects.fixed(AirflowVersion.parse(
                "2.10.3")), GRANT, new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), new Random(7)),
                duration -> { });
        runs.trigger(DagRunRequest.of("d", "r1", CONF), deadline());

        assertThatThrownBy(() -> runs.trigger(DagRunRequest.of("d", "r2", CONF), deadline()))
                .isInstanceOfSatisfying(AirflowCommandException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("kept colliding");
    }

    @Test
    void triggerOverCli_thenTheSameRunIdOverRest_isAlreadyExisted_andTheReverse() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        InMemoryControlPlane controlPlane = new InMemoryControlPlane("2.10.3");
        io.github.mwaatrigger.airflow.AirflowDialects dialects =
                io.github.mwaatrigger.airflow.AirflowDialects.discoveredThrough(controlPlane);
        DagRuns cli = new CliDagRuns(new TriggerService(airflow, dialects, new DagRunQueries(airflow, dialects), clock,
                sleeper), new DagRunQueries(airflow, dialects));
        DagRuns rest = dagRuns(new InMemoryRestApi(airflow), "2.10.3");

        assertThat(cli.trigger(DagRunRequest.of("d", "from_cli", CONF), deadline()).outcome())
                .isEqualTo(TriggerOutcome.CREATED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(rest.trigger(DagRunRequest.of("d", "from_cli", CONF), deadline()).outcome())
                .isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(rest.trigger(DagRunRequest.of("d", "from_rest", CONF), deadline()).outcome())
                .isEqualTo(TriggerOutcome.CREATED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(cli.trigger(DagRunRequest.of("d", "from_rest", CONF), deadline()).outcome())
                .isEqualTo(TriggerOutcome.ALREADY_EXISTED);
        assertThat(airflow.runs()).extracting(InMemoryAirflow.Run::runId).containsExactly("from_cli", "from_rest");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void unknownDag_isNotFound_permanently(String version) {
        RestDagRuns runs = dagRuns(new InMemoryRestApi(new InMemoryAirflow(version, clock, "d")), version);

        assertThatThrownBy(() -> runs.trigger(DagRunRequest.of("missing", "r1", CONF), deadline()))
                .isInstanceOfSatisfying(DagNotFoundException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("DAG 'missing' was not found in Airflow (HTTP 404: DAG with dag_id: 'missing' "
                        + "not found)");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void aViewerRole_mayNotTrigger_aConfigurationErrorThatSaysWhichRoleToGrant(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        InMemoryRestApi api = new InMemoryRestApi(airflow);
        api.actAs("Viewer");
        RestDagRuns runs = new RestDagRuns(api, RestApiDialects.fixed(AirflowVersion.parse(version)),
                new InvokeRestApiGrant("MyEnv", "eu-west-1", Optional.of("Viewer")), Backoff.standard(), sleeper);

        assertThatThrownBy(() -> runs.trigger(DagRunRequest.of("d", "r1", CONF), deadline()))
                .isInstanceOfSatisfying(MwaaConfigurationException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("Airflow role 'Viewer' may not trigger runs of DAG 'd'")
                .hasMessageContaining("User, Op or Admin")
                .hasMessageContaining("airflow:InvokeRestApi on arn:aws:airflow:eu-west-1:ACCOUNT_ID:role/MyEnv/User");
        assertThat(runs.list("d", new DagRunListQuery(10, 0), deadline()).runs()).isEmpty();
        assertThat(airflow.runs()).isEmpty();
    }

    @Test
    void aPublicRole_mayNotEvenRead() {
        InMemoryRestApi api = new InMemoryRestApi(new InMemoryAirflow("3.0.6", clock, "d"));
        api.actAs("Public");

        assertThatThrownBy(() -> dagRuns(api, "3.0.6").run("d", "r1", deadline()))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("may not read the runs of DAG 'd'").hasMessageContaining("Viewer");
    }

    @Test
    void runIdsOutsideTheEnvironmentsPattern_areRefusedByAirflow_permanently() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        airflow.allowRunIdsMatching("^[a-z_]+$");

        assertThatThrownBy(() -> dagRuns(new InMemoryRestApi(airflow), "2.10.3")
                .trigger(DagRunRequest.of("d", "Upper", CONF), deadline()))
                .isInstanceOfSatisfying(AirflowRefusedArgumentException.class,
                        e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("does not match the configured pattern");
    }

    @Test
    void anAirflow2BodySentToAirflow3_isRefused_withAHintToCheckTheConfiguredVersion() {
        InMemoryRestApi api = new InMemoryRestApi(new InMemoryAirflow("3.0.6", clock, "d"));

        assertThatThrownBy(() -> dagRuns(api, "2.10.3").trigger(DagRunRequest.of("d", "r1", CONF), deadline()))
                .isInstanceOfSatisfying(AirflowCommandException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("HTTP 422: body.logical_date: Field required")
                .hasMessageContaining("check that AIRFLOW_VERSION is the environment's version");
    }

    @Test
    void dagIdsTooLongForInvokeRestApisPath_areRefusedBeforeAnythingIsSent_namingTheLimitAndTheWayOut() {
        InMemoryRestApi api = new InMemoryRestApi(new InMemoryAirflow("2.10.3", clock, "d"));
        String dagId = "d".repeat(RestDagRuns.MAX_DAG_ID_LENGTH + 1);

        assertThat(RestDagRuns.MAX_DAG_ID_LENGTH).isEqualTo(50);
        assertThatThrownBy(() -> dagRuns(api, "2.10.3").trigger(DagRunRequest.of(dagId, "r", CONF), deadline()))
                .isInstanceOfSatisfying(InvalidDagRunRequestException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("at most 64 characters").hasMessageContaining("at most 50")
                .hasMessageContaining("MWAA_TRANSPORT=cli");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void mwaaUnavailable_isRetryable_andNothingRan() {
        InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
        InMemoryRestApi api = new InMemoryRestApi(airflow);
        api.script(InMemoryRestApi.Fault.THROTTLED);

        assertThatThrownBy(() -> dagRuns(api, "2.10.3").trigger(DagRunRequest.of("d", "r1", CONF), deadline()))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.reason()).isEqualTo(MwaaUnavailableException.Reason.BUSY);
                });
        assertThat(airflow.runs()).isEmpty();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void list_isOnePageNewestFirst_withTheTotal(String version) {
        InMemoryRestApi api = new InMemoryRestApi(new InMemoryAirflow(version, clock, "d"));
        RestDagRuns runs = dagRuns(api, version);
        for (String runId : List.of("a", "b", "c")) {
            runs.trigger(DagRunRequest.of("d", runId, CONF), deadline());
            clock.advance(Duration.ofSeconds(1));
        }

        DagRunPage page = runs.list("d", new DagRunListQuery(2, 0), deadline());
        DagRunPage rest = runs.list("d", new DagRunListQuery(2, 2), deadline());

        assertThat(page.runs()).extracting(io.github.mwaatrigger.airflow.DagRun::runId).containsExactly("c", "b");
        assertThat(page.totalEntries()).isEqualTo(3);
        assertThat(rest.runs()).extracting(io.github.mwaatrigger.airflow.DagRun::runId).containsExactly("a");
    }

    @Test
    void listOfAnUnknownDag_isNotFoundOnAirflow3_andEmptyOnAirflow2_asEachAnswers() {
        RestDagRuns v2 = dagRuns(new InMemoryRestApi(new InMemoryAirflow("3.0.6", clock, "d")), "3.0.6");
        RestDagRuns v1 = dagRuns(new InMemoryRestApi(new InMemoryAirflow("2.10.3", clock, "d")), "2.10.3");

        assertThatThrownBy(() -> v2.list("missing", new DagRunListQuery(10, 0), deadline()))
                .isInstanceOf(DagNotFoundException.class);
        assertThat(v1.list("missing", new DagRunListQuery(10, 0), deadline()).totalEntries()).isZero();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @MethodSource("airflowLines")
    void oneRun_isReadAtItsPath_orFoundPageByPageWhenItsPathIsTooLong(String version) {
        InMemoryRestApi api = new InMemoryRestApi(new InMemoryAirflow(version, clock, "example_dag"));
        RestDagRuns runs = dagRuns(api, version);
        runs.trigger(DagRunRequest.of("example_dag", UPLOAD_RUN_ID, CONF), deadline());
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            runs.trigger(DagRunRequest.of("example_dag", "later_" + i, CONF), deadline());
        }
        int sent = api.requests().size();

        assertThat(runs.run("example_dag", UPLOAD_RUN_ID, deadline())).hasValueSatisfying(run -> {
            assertThat(run.conf()).isEqualTo(CONF);
            assertThat(run.state()).isEqualTo("queued");
        });
        assertThat(api.requests().subList(sent, api.requests().size())).extracting(RestApiRequest::toString)
                .containsExactly("GET /dags/example_dag/dagRuns", "GET /dags/example_dag/dagRuns");
        assertThat(runs.run("example_dag", "later_3", deadline())).isPresent();
        assertThat(runs.run("example_dag", "never", deadline())).isEmpty();
        assertThat(runs.run("example_dag", UPLOAD_RUN_ID + "x", deadline())).isEmpty();
    }

    @Test
    void autoVersion_isAskedOfMwaaOnce_andAnAirflowTooOldForInvokeRestApi_isRefusedWithTheWayOut() {
        InMemoryControlPlane old = new InMemoryControlPlane("2.2.2");
        RestDagRuns runs = new RestDagRuns(new InMemoryRestApi(new InMemoryAirflow("2.2.2", clock, "d")),
                RestApiDialects.discoveredThrough(old), GRANT, Backoff.standard(), sleeper);

        assertThatThrownBy(() -> runs.trigger(DagRunRequest.of("d", "r1", CONF), deadline()))
                .isInstanceOf(MwaaConfigurationException.class)
                .hasMessageContaining("2.4.3 or later").hasMessageContaining("MWAA_TRANSPORT=cli");

        InMemoryControlPlane current = new InMemoryControlPlane("3.0.6");
        RestDagRuns fine = new RestDagRuns(new InMemoryRestApi(new InMemoryAirflow("3.0.6", clock, "d")),
                RestApiDialects.discoveredThrough(current), GRANT, Backoff.standard(), sleeper);
        fine.trigger(DagRunRequest.of("d", "r1", CONF), deadline());
        fine.list("d", new DagRunListQuery(10, 0), deadline());
        assertThat(current.calls()).containsExactly("GetEnvironment");
    }
}
