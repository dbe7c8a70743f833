package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.testing.TestEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over the real client stack and the emulator's {@code InvokeRestApi}, on Airflow 2 (v1) and 3 (v2): every list
 * parameter reaches Airflow, which filters, sorts and pages, in one call and without a CLI command.
 */
class RestListEndToEndTest {

    private static final Instant JUNE_10 = Instant.parse("2024-06-10T00:00:00Z");

    private static Instant june(int day, int hour) {
        return JUNE_10.minus(Duration.ofDays(10 - day)).plus(Duration.ofHours(hour));
    }

    private static String scheduled(int day) {
        return "scheduled__2024-06-" + (day < 10 ? "0" : "") + day + "T00:00:00+00:00";
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void everyParameterIsAirflows_inOneCall(String version) {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder()
                .airflowVersion(AirflowVersion.parse(version)).dags(List.of("etl_daily"))
                .runProgress(Duration.ofHours(1), Duration.ofHours(2)))) {
            // June 1..10 at midnight, each started at 01:00 and ended at 02:00; then two queued manual runs
            emulator.seedRuns("etl_daily", 10, JUNE_10, Duration.ofDays(1));
            MwaaServices services = TestEmulator.services(Settings.from(TestEmulator.environment(emulator)
                    .with(Settings.TRANSPORT, "rest"), new Properties()), Clock.systemUTC());
            DagRuns runs = services.dagRuns();
            runs.trigger(DagRunRequest.of("etl_daily", "manual_a", JsonObject.empty()), deadline());
            runs.trigger(DagRunRequest.of("etl_daily", "manual_b", JsonObject.empty()), deadline());

            DagRunPage queued = list(emulator, runs, query -> query.state(Set.of(DagRunState.QUEUED)));
            DagRunPage twoStates = list(emulator, runs, query -> query.state(Set.of(DagRunState.QUEUED,
                    DagRunState.SUCCESS)).limit(3));
            DagRunPage days3To5 = list(emulator, runs, query -> query.executionDateGte(june(3, 0))
                    .executionDateLte(june(5, 0)));
            DagRunPage startedFrom8 = list(emulator, runs, query -> query.startDateGte(june(8, 0)));
            DagRunPage endedBy2 = list(emulator, runs, query -> query.endDateLte(june(2, 3)).endDateGte(june(1, 0)));
            DagRunPage updatedBy1 = list(emulator, runs, query -> query.updatedAtLte(june(1, 12)));
            DagRunPage byRunId = list(emulator, runs, query -> query.orderBy(DagRunOrder.parse("dag_run_id"))
                    .offset(1).limit(2));
            DagRunPage oldestFirst = list(emulator, runs, query -> query.orderBy(DagRunOrder.parse("execution_date"))
                    .state(Set.of(DagRunState.SUCCESS)).limit(2));

            assertThat(ids(queued)).containsExactlyInAnyOrder("manual_a", "manual_b");
            assertThat(queued.totalEntries()).isEqualTo(2);
            assertThat(twoStates.totalEntries()).isEqualTo(12);
            assertThat(twoStates.runs()).hasSize(3);
            assertThat(ids(days3To5)).containsExactly(scheduled(5), scheduled(4), scheduled(3));
            assertThat(ids(startedFrom8)).containsExactly(scheduled(10), scheduled(9), scheduled(8));
            assertThat(ids(endedBy2)).containsExactly(scheduled(2), scheduled(1));
            assertThat(ids(updatedBy1)).containsExactly(scheduled(1));
            assertThat(ids(byRunId)).containsExactly("manual_b", scheduled(1));
            assertThat(byRunId.totalEntries()).isEqualTo(12);
            assertThat(ids(oldestFirst)).containsExactly(scheduled(1), scheduled(2));
            assertThat(emulator.receivedCommands()).as("no CLI command").isEmpty();
        }
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static DagRunPage list(MwaaEmulator emulator, DagRuns runs, UnaryOperator<DagRunListQuery.Builder> query) {
        int before = emulator.restApiRequests();
        DagRunPage page = runs.list("etl_daily", query.apply(DagRunListQuery.builder()).build(), deadline());
        assertThat(emulator.restApiRequests()).as("one InvokeRestApi call per list").isEqualTo(before + 1);
        return page;
    }

    private static List<String> ids(DagRunPage page) {
        return page.runs().stream().map(DagRun::runId).toList();
    }
}
