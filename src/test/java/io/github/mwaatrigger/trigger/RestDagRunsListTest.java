package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.RestApiDialects;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.mwaa.InvokeRestApiGrant;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import io.github.mwaatrigger.testing.ClockAdvancingSleeper;
import io.github.mwaatrigger.testing.InMemoryAirflow;
import io.github.mwaatrigger.testing.InMemoryRestApi;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every list parameter on the REST transport goes to Airflow, by the names the version takes, in one call:
 * Airflow filters, sorts and pages (here, {@link InMemoryRestApi} does, as the database would).
 */
class RestDagRunsListTest {

    private static final Instant DAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final InvokeRestApiGrant GRANT = new InvokeRestApiGrant("MyEnv", "eu-west-1", Optional.of("User"));

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00.250Z"));

    /**
     * Runs r1..r5 at logical dates May 1..5: r1 success (started May 1 01:00, ended 02:00), r2 failed
     * (May 2 01:00-02:00), r3 running (started May 3 01:00), r4 queued, r5 success (May 5 01:00-02:00).
     */
    private InMemoryAirflow airflowWithFiveRuns(String version) {
        InMemoryAirflow airflow = new InMemoryAirflow(version, clock, "d");
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.parse(version));
        for (int i = 1; i <= 5; i++) {
            airflow.run(dialect.triggerCommand("d", "r" + i, JsonObject.empty(), Optional.of(day(i))),
                    Idempotency.IDEMPOTENT, deadline());
        }
        airflow.progress("d", "r1", "success", Optional.of(hour(1, 1)), Optional.of(hour(1, 2)));
        airflow.progress("d", "r2", "failed", Optional.of(hour(2, 1)), Optional.of(hour(2, 2)));
        airflow.progress("d", "r3", "running", Optional.of(hour(3, 1)), Optional.empty());
        airflow.progress("d", "r5", "success", Optional.of(hour(5, 1)), Optional.of(hour(5, 2)));
        return airflow;
    }

    private static Instant day(int day) {
        return DAY.plus(Duration.ofDays(day - 1));
    }

    private static Instant hour(int day, int hour) {
        return day(day).plus(Duration.ofHours(hour));
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    private RestDagRuns dagRuns(InMemoryRestApi api, String version) {
        return new RestDagRuns(api, RestApiDialects.fixed(AirflowVersion.parse(version)), GRANT,
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), new Random(7)),
                new ClockAdvancingSleeper(clock));
    }

    /** The page, after checking that it took exactly one call. */
    private DagRunPage list(InMemoryRestApi api, RestDagRuns runs, UnaryOperator<DagRunListQuery.Builder> query) {
        int before = api.requests().size();
        DagRunPage page = runs.list("d", query.apply(DagRunListQuery.builder()).build(), deadline());
        assertThat(api.requests()).as("one call per list").hasSize(before + 1);
        return page;
    }

    private static List<String> ids(DagRunPage page) {
        return page.runs().stream().map(DagRun::runId).toList();
    }

    private static JsonObject lastQuery(InMemoryRestApi api) {
        List<RestApiRequest> requests = api.requests();
        return requests.get(requests.size() - 1).query();
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.4.3", "2.10.3", "3.0.6"})
    void byDefault_newestFirst_pagedInAirflow(String version) {
        InMemoryRestApi api = new InMemoryRestApi(airflowWithFiveRuns(version));
        RestDagRuns runs = dagRuns(api, version);

        DagRunPage page = list(api, runs, query -> query.limit(2).offset(1));

        assertThat(ids(page)).containsExactly("r4", "r3");
        assertThat(page.totalEntries()).isEqualTo(5);
        assertThat(lastQuery(api).string("limit")).contains("2");
        assertThat(lastQuery(api).string("offset")).contains("1");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void severalStates_goToAirflowAsOneRepeatedParameter(String version) {
        InMemoryRestApi api = new InMemoryRestApi(airflowWithFiveRuns(version));

        DagRunPage page = list(api, dagRuns(api, version),
                query -> query.state(Set.of(DagRunState.FAILED, DagRunState.RUNNING)));

        assertThat(ids(page)).containsExactly("r3", "r2");
        assertThat(page.totalEntries()).isEqualTo(2);
        assertThat(lastQuery(api).get("state")).contains(Json.parse("[\"running\", \"failed\"]"));
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void oneState_isAPlainParameter(String version) {
        InMemoryRestApi api = new InMemoryRestApi(airflowWithFiveRuns(version));

        DagRunPage page = list(api, dagRuns(api, version), query -> query.state(Set.of(DagRunState.SUCCESS)));

        assertThat(ids(page)).containsExactly("r5", "r1");
        assertThat(lastQuery(api).string("state")).contains("success");
    }

    @Test
    void logicalDates_areExecutionDateOnAirflow2_andLogicalDateOnAirflow3() {
        InMemoryRestApi airflow2 = new InMemoryRestApi(airflowWithFiveRuns("2.10.3"));
        InMemoryRestApi airflow3 = new InMemoryRestApi(airflowWithFiveRuns("3.0.6"));
        UnaryOperator<DagRunListQuery.Builder> days2To4 = query -> query.executionDateGte(day(2))
                .executionDateLte(day(4));

        DagRunPage v1 = list(airflow2, dagRuns(airflow2, "2.10.3"), days2To4);
        DagRunPage v2 = list(airflow3, dagRuns(airflow3, "3.0.6"), days2To4);

        assertThat(ids(v1)).containsExactly("r4", "r3", "r2");
        assertThat(ids(v2)).containsExactly("r4", "r3", "r2");
        assertThat(lastQuery(airflow2).members().keySet()).contains("execution_date_gte", "execution_date_lte")
                .doesNotContain("logical_date_gte");
        assertThat(lastQuery(airflow2).string("execution_date_gte")).contains("2024-05-02T00:00:00+00:00");
        assertThat(lastQuery(airflow3).members().keySet()).contains("logical_date_gte", "logical_date_lte")
                .doesNotContain("execution_date_gte");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void startEndAndUpdatedRanges_areAirflowsToo_andARunWithoutTheDateNeverMatches(String version) {
        InMemoryRestApi api = new InMemoryRestApi(airflowWithFiveRuns(version));
        RestDagRuns runs = dagRuns(api, version);

        DagRunPage started = list(api, runs, query -> query.startDateGte(hour(2, 0)).startDateLte(hour(4, 0)));
        DagRunPage ended = list(api, runs, query -> query.endDateGte(hour(1, 0)).endDateLte(hour(3, 0)));
        DagRunPage updated = list(api, runs, query -> query.updatedAtGte(hour(5, 0)));

        assertThat(ids(started)).containsExactly("r3", "r2");
        assertThat(ids(ended)).containsExactly("r2", "r1");
        assertThat(ids(updated)).containsExactly("r5", "r4");
        assertThat(lastQuery(api).members().keySet()).contains("updated_at_gte");
    }

    @Test
    void order_isTheVersionsField_airflow3SortsTimeByRunAfterAndIdsByRunId() {
        InMemoryRestApi airflow2 = new InMemoryRestApi(airflowWithFiveRuns("2.10.3"));
        InMemoryRestApi airflow3 = new InMemoryRestApi(airflowWithFiveRuns("3.0.6"));

        UnaryOperator<DagRunListQuery.Builder> byEndDate = query -> query.orderBy(DagRunOrder.parse("end_date"));

        DagRunPage v1 = list(airflow2, dagRuns(airflow2, "2.10.3"), byEndDate);
        DagRunPage v2 = list(airflow3, dagRuns(airflow3, "3.0.6"), byEndDate);
        String v1Id = dagRunIdOrder(airflow2, "2.10.3");
        String v2Id = dagRunIdOrder(airflow3, "3.0.6");
        String v2Time = sentOrder(airflow3, "3.0.6", "execution_date");

        assertThat(ids(v1)).containsExactly("r1", "r2", "r5", "r3", "r4");
        assertThat(ids(v2)).containsExactly("r1", "r2", "r5", "r3", "r4");
        assertThat(v1Id).isEqualTo("-dag_run_id");
        assertThat(v2Id).isEqualTo("-run_id");
        assertThat(v2Time).isEqualTo("run_after");
        assertThat(sentOrder(airflow2, "2.10.3", "execution_date")).isEqualTo("execution_date");
    }

    private String dagRunIdOrder(InMemoryRestApi api, String version) {
        DagRunPage page = list(api, dagRuns(api, version), query -> query.orderBy(DagRunOrder.parse("-dag_run_id")));
        assertThat(ids(page)).containsExactly("r5", "r4", "r3", "r2", "r1");
        return lastQuery(api).string("order_by").orElseThrow();
    }

    private String sentOrder(InMemoryRestApi api, String version, String orderBy) {
        DagRunPage page = list(api, dagRuns(api, version), query -> query.orderBy(DagRunOrder.parse(orderBy)));
        assertThat(ids(page)).containsExactly("r1", "r2", "r3", "r4", "r5");
        return lastQuery(api).string("order_by").orElseThrow();
    }

    @Test
    void externalTrigger_cannotOrderAirflow3_refusedBeforeAnythingIsSent() {
        InMemoryRestApi api = new InMemoryRestApi(airflowWithFiveRuns("3.0.6"));

        assertThatThrownBy(() -> dagRuns(api, "3.0.6").list("d", DagRunListQuery.builder()
                .orderBy(DagRunOrder.parse("external_trigger")).build(), deadline()))
                .isInstanceOfSatisfying(UnanswerableQueryException.class,
                        e -> assertThat(e.parameter()).isEqualTo("order_by"))
                .hasMessageContaining("external_trigger").hasMessageContaining("Airflow 3.0.6");
        assertThat(api.requests()).isEmpty();
    }
}
