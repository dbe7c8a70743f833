package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.testing.ClockAdvancingSleeper;
import io.github.mwaatrigger.testing.InMemoryAirflow;
import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every list parameter on the CLI transport: honoured (sent to {@code dags list-runs} where it can narrow
 * the answer, applied here otherwise) or refused with the parameter's name, before MWAA is asked.
 */
class CliDagRunsListTest {

    private static final Instant DAY = Instant.parse("2024-05-01T00:00:00Z");

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

    private CliDagRuns dagRuns(InMemoryAirflow airflow, String version) {
        AirflowDialects dialects = AirflowDialects.fixed(AirflowVersion.parse(version));
        DagRunQueries queries = new DagRunQueries(airflow, dialects);
        return new CliDagRuns(new TriggerService(airflow, dialects, queries, clock, new ClockAdvancingSleeper(clock)),
                queries);
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    private DagRunPage list(InMemoryAirflow airflow, String version, UnaryOperator<DagRunListQuery.Builder> query) {
        int before = airflow.commands().size();
        DagRunPage page = dagRuns(airflow, version).list("d", query.apply(DagRunListQuery.builder()).build(),
                deadline());
        assertThat(airflow.commands()).as("one list-runs per list").hasSize(before + 1);
        return page;
    }

    private static List<String> ids(DagRunPage page) {
        return page.runs().stream().map(DagRun::runId).toList();
    }

    private static CliCommand lastCommand(InMemoryAirflow airflow) {
        return airflow.commands().get(airflow.commands().size() - 1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.10.3", "3.0.6"})
    void limitAndOffset_pageTheRunsNewestFirst_countingThemAll(String version) {
        InMemoryAirflow airflow = airflowWithFiveRuns(version);

        DagRunPage first = list(airflow, version, q -> q.limit(2));
        DagRunPage third = list(airflow, version, q -> q.limit(2).offset(4));
        DagRunPage beyond = list(airflow, version, q -> q.offset(9));

        assertThat(ids(first)).containsExactly("r5", "r4");
        assertThat(ids(third)).containsExactly("r1");
        assertThat(ids(beyond)).isEmpty();
        assertThat(List.of(first.totalEntries(), third.totalEntries(), beyond.totalEntries())).containsOnly(5);
    }

    /** On Airflow 3, list-runs sorts by run_after, so the newest-first order is made here, by logical date. */
    @Test
    void onAirflow3_newestFirstIsByLogicalDate_notByWhenRunsWereTriggered() {
        InMemoryAirflow airflow = new InMemoryAirflow("3.0.6", clock, "d");
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(3, 0, 6));
        for (String id : List.of("late", "early", "middle")) {
            int day = id.equals("late") ? 9 : id.equals("early") ? 1 : 5;
            airflow.run(dialect.triggerCommand("d", id, JsonObject.empty(), Optional.of(day(day))),
                    Idempotency.IDEMPOTENT, deadline());
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(ids(list(airflow, "3.0.6", q -> q.limit(2)))).containsExactly("late", "middle");
        assertThat(ids(list(airflow, "3.0.6", q -> q.limit(2).offset(1)))).containsExactly("middle", "early");
    }

    @ParameterizedTest(name = "order_by={0}")
    @CsvSource(delimiter = '|', value = {
        "execution_date   | r1, r2, r3, r4, r5",
        "-execution_date  | r5, r4, r3, r2, r1",
        "dag_run_id       | r1, r2, r3, r4, r5",
        "-dag_run_id      | r5, r4, r3, r2, r1",
        "state            | r2, r4, r3, r5, r1",
        "-state           | r5, r1, r3, r4, r2",
        "start_date       | r1, r2, r3, r5, r4",
        "-start_date      | r4, r5, r3, r2, r1",
        "end_date         | r1, r2, r5, r4, r3",
        "-end_date        | r4, r3, r5, r2, r1",
        "dag_id           | r5, r4, r3, r2, r1"})
    void orderBy_sortsByWhatListRunsPrints_withoutAValueLastWhenAscending_tiesNewestFirst(String orderBy, String expected) {
        InMemoryAirflow airflow = airflowWithFiveRuns("2.10.3");

        DagRunPage page = list(airflow, "2.10.3", q -> q.orderBy(DagRunOrder.parse(orderBy)));

        assertThat(String.join(", ", ids(page))).isEqualTo(expected);
        assertThat(page.totalEntries()).isEqualTo(5);
    }

    @Test
    void orderBy_withAnOffset_pagesTheSortedRuns() {
        InMemoryAirflow airflow = airflowWithFiveRuns("2.10.3");

        DagRunPage page = list(airflow, "2.10.3", q -> q.orderBy(DagRunOrder.parse("dag_run_id")).offset(1).limit(2));

        assertThat(ids(page)).containsExactly("r2", "r3");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.10.3", "3.0.6"})
    void oneState_goesToListRuns(String version) {
        InMemoryAirflow airflow = airflowWithFiveRuns(version);

        DagRunPage page = list(airflow, version, q -> q.state(Set.of(DagRunState.SUCCESS)));

        assertThat(ids(page)).containsExactly("r5", "r1");
        assertThat(page.totalEntries()).isEqualTo(2);
        assertThat(lastCommand(airflow).words()).containsSubsequence("--state", "success");
    }

    @Test
    void severalStates_areFilteredHere() {
        InMemoryAirflow airflow = airflowWithFiveRuns("2.10.3");

        DagRunPage page = list(airflow, "2.10.3", q -> q.state(Set.of(DagRunState.FAILED, DagRunState.QUEUED)));

        assertThat(ids(page)).containsExactly("r4", "r2");
        assertThat(page.totalEntries()).isEqualTo(2);
        assertThat(lastCommand(airflow).words()).doesNotContain("--state");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.10.3", "3.0.6"})
    void executionDateRange_goesToListRuns_inclusive(String version) {
        InMemoryAirflow airflow = airflowWithFiveRuns(version);

        DagRunPage page = list(airflow, version, q -> q.executionDateGte(day(2)).executionDateLte(day(4)));

        assertThat(ids(page)).containsExactly("r4", "r3", "r2");
        assertThat(page.totalEntries()).isEqualTo(3);
        assertThat(lastCommand(airflow).words()).containsSubsequence("--start-date", "2024-05-02T00:00:00+00:00",
                "--end-date", "2024-05-04T00:00:00+00:00");
    }

    @Test
    void startAndEndDateRanges_areFilteredHere_andRunsWithoutThatDateNeverMatch() {
        InMemoryAirflow airflow = airflowWithFiveRuns("2.10.3");

        assertThat(ids(list(airflow, "2.10.3", q -> q.startDateGte(hour(2, 1))))).containsExactly("r5", "r3", "r2");
        assertThat(ids(list(airflow, "2.10.3", q -> q.startDateLte(hour(2, 1))))).containsExactly("r2", "r1");
        assertThat(ids(list(airflow, "2.10.3", q -> q.endDateGte(hour(2, 2))))).containsExactly("r5", "r2");
        assertThat(ids(list(airflow, "2.10.3", q -> q.endDateLte(hour(1, 2))))).containsExactly("r1");
        assertThat(lastCommand(airflow).words()).containsExactly("dags", "list-runs", "-d", "d", "-o", "json");
    }

    @Test
    void everyFilterTogether_narrowsToTheRunsThatMatchThemAll() {
        InMemoryAirflow airflow = airflowWithFiveRuns("2.10.3");

        DagRunPage page = list(airflow, "2.10.3", q -> q.state(Set.of(DagRunState.SUCCESS, DagRunState.FAILED))
                .executionDateGte(day(1)).executionDateLte(day(5)).startDateGte(hour(1, 0)).startDateLte(hour(5, 1))
                .endDateGte(hour(1, 2)).endDateLte(hour(2, 2)).orderBy(DagRunOrder.parse("execution_date")));

        assertThat(ids(page)).containsExactly("r1", "r2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "updated_at_gte | 'updated_at_gte' cannot be answered through the Airflow CLI, which does not tell when a run "
                + "was last updated",
        "updated_at_lte | 'updated_at_lte' cannot be answered through the Airflow CLI",
        "id             | order_by 'id' cannot be answered through the Airflow CLI, which does not print a run's id",
        "-updated_at    | order_by '-updated_at' cannot be answered",
        "conf           | order_by 'conf' cannot be answered",
        "external_trigger | order_by 'external_trigger' cannot be answered"})
    void whatTheCliCannotTell_isRefusedNamingTheParameter_beforeMwaaIsAsked(String what, String message) {
        InMemoryAirflow airflow = airflowWithFiveRuns("2.10.3");
        int before = airflow.commands().size();
        DagRunListQuery.Builder query = DagRunListQuery.builder();
        if (what.equals("updated_at_gte")) {
            query.updatedAtGte(DAY);
        } else if (what.equals("updated_at_lte")) {
            query.updatedAtLte(DAY);
        } else {
            query.orderBy(DagRunOrder.parse(what));
        }

        assertThatThrownBy(() -> dagRuns(airflow, "2.10.3").list("d", query.build(), deadline()))
                .isInstanceOfSatisfying(UnanswerableQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(what.startsWith("updated") ? what : "order_by");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageStartingWith(message)
                .hasMessageEndingWith("the REST transport can (it passes the query to Airflow's REST API): set "
                        + "MWAA_TRANSPORT=rest (the template's Transport=rest)");
        assertThat(airflow.commands()).hasSize(before);
    }
}
