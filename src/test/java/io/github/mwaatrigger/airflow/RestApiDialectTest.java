package io.github.mwaatrigger.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What each Airflow line's REST API takes and answers, as MWAA's InvokeRestApi reaches it. */
class RestApiDialectTest {

    private static final RestApiDialect AIRFLOW_2 = RestApiDialect.of(AirflowVersion.parse("2.10.3"));
    private static final RestApiDialect AIRFLOW_3 = RestApiDialect.of(AirflowVersion.parse("3.0.6"));
    private static final JsonObject CONF = Json.parseObject("{\"key\": \"it's\", \"n\": 1.50}", "conf");
    private static final Instant DATE = Instant.parse("2024-06-01T02:00:00Z");

    private static String written(JsonObject body) {
        return JsonWriter.compact().write(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.10.12", "2.0.2", "2.2.2", "2.4.2", "4.0.0"})
    void versionsInvokeRestApiCannotReach_areRefused_namingTheFloor(String version) {
        assertThatThrownBy(() -> RestApiDialect.of(AirflowVersion.parse(version)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2.4.3 or later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4.3", "2.5.1", "2.7.2", "2.11.0", "3.0.6", "3.3.1"})
    void everyVersionMwaaRunsFrom243On_isReachable(String version) {
        assertThat(RestApiDialect.of(AirflowVersion.parse(version)).version()).isEqualTo(AirflowVersion.parse(version));
    }

    @Test
    void airflow2_getsRunIdAndConf_andALogicalDateOnlyWhenOneIsGiven() {
        assertThat(written(AIRFLOW_2.triggerBody("s3__a.csv__0f", CONF, Optional.empty())))
                .isEqualTo("{\"dag_run_id\":\"s3__a.csv__0f\",\"conf\":{\"key\":\"it's\",\"n\":1.50}}");
        assertThat(written(AIRFLOW_2.triggerBody("r", JsonObject.empty(), Optional.of(DATE))))
                .isEqualTo("{\"dag_run_id\":\"r\",\"logical_date\":\"2024-06-01T02:00:00+00:00\",\"conf\":{}}");
    }

    @Test
    void airflow3_alwaysGetsALogicalDate_nullWhenNoneIsGiven_andNoFieldItRefuses() {
        assertThat(written(AIRFLOW_3.triggerBody("r", CONF, Optional.empty())))
                .isEqualTo("{\"dag_run_id\":\"r\",\"logical_date\":null,\"conf\":{\"key\":\"it's\",\"n\":1.50}}");
        assertThat(written(AIRFLOW_3.triggerBody("r", JsonObject.empty(), Optional.of(DATE.plusNanos(123_456_000)))))
                .isEqualTo("{\"dag_run_id\":\"r\",\"logical_date\":\"2024-06-01T02:00:00.123456+00:00\",\"conf\":{}}");
        assertThat(AIRFLOW_3.triggerBody("r", CONF, Optional.of(DATE)).members().keySet())
                .doesNotContain("execution_date", "external_trigger");
    }

    @Test
    void pages_areNewestFirst_byEachLinesSortKey() {
        assertThat(written(AIRFLOW_2.pageQuery(25, 50)))
                .isEqualTo("{\"limit\":\"25\",\"offset\":\"50\",\"order_by\":\"-execution_date\"}");
        assertThat(written(AIRFLOW_3.pageQuery(100, 0)))
                .isEqualTo("{\"limit\":\"100\",\"offset\":\"0\",\"order_by\":\"-run_after\"}");
    }

    @Test
    void orderFields_areV1sNames_onAirflow2_andRenamedOrRefused_onAirflow3() {
        assertThat(AIRFLOW_2.orderField("execution_date")).contains("execution_date");
        assertThat(AIRFLOW_2.orderField("dag_run_id")).contains("dag_run_id");
        assertThat(AIRFLOW_2.orderField("external_trigger")).contains("external_trigger");
        assertThat(AIRFLOW_3.orderField("execution_date")).contains("run_after");
        assertThat(AIRFLOW_3.orderField("dag_run_id")).contains("run_id");
        assertThat(AIRFLOW_3.orderField("external_trigger")).isEmpty();
        assertThat(AIRFLOW_3.orderField("updated_at")).contains("updated_at");
        assertThat(AIRFLOW_2.logicalDateFilter()).isEqualTo("execution_date");
        assertThat(AIRFLOW_3.logicalDateFilter()).isEqualTo("logical_date");
    }

    @Test
    void runsAtALogicalDate_areFilteredByEachLinesDateField() {
        assertThat(AIRFLOW_2.atLogicalDateQuery(DATE).members().keySet())
                .contains("execution_date_gte", "execution_date_lte");
        assertThat(AIRFLOW_3.atLogicalDateQuery(DATE).string("logical_date_gte"))
                .contains("2024-06-01T02:00:00+00:00");
    }

    @Test
    void airflow2Run_isReadWithConfExternalTriggerRunTypeAndNote() {
        DagRun run = AIRFLOW_2.readRun(Json.parse("{\"conf\": {\"k\": 1}, \"dag_id\": \"d\", \"dag_run_id\": \"r\", "
                + "\"end_date\": null, \"execution_date\": \"2024-06-01T02:00:00+00:00\", \"external_trigger\": true, "
                + "\"logical_date\": \"2024-06-01T02:00:00.250000+00:00\", \"note\": \"from S3\", "
                + "\"run_type\": \"manual\", \"start_date\": null, \"state\": \"queued\"}"), "d").orElseThrow();

        assertThat(run).isEqualTo(new DagRun("d", "r", "queued", "2024-06-01T02:00:00.250000+00:00", null, null,
                Json.parseObject("{\"k\": 1}", "conf"), "manual", true, "from S3"));
    }

    @Test
    void airflow3Run_mayHaveNoLogicalDate_andReportsNoExternalTrigger() {
        DagRun run = AIRFLOW_3.readRun(Json.parse("{\"dag_run_id\": \"r\", \"dag_id\": \"d\", \"logical_date\": null, "
                + "\"run_after\": \"2024-06-01T02:00:00Z\", \"state\": \"queued\", \"run_type\": \"manual\", "
                + "\"triggered_by\": \"rest_api\", \"conf\": {}, \"note\": null}"), "d").orElseThrow();

        assertThat(run.logicalDate()).isNull();
        assertThat(run.externalTrigger()).isNull();
        assertThat(run.conf()).isEqualTo(JsonObject.empty());
        assertThat(run.state()).isEqualTo("queued");
    }

    @Test
    void answersThatAreNoRun_areNotRead() {
        assertThat(AIRFLOW_2.readRun(Json.parse("{\"detail\": \"Forbidden\"}"), "d")).isEmpty();
        assertThat(AIRFLOW_2.readRun(Json.parse("[]"), "d")).isEmpty();
        assertThat(AIRFLOW_2.readRuns(Json.parse("{\"dag_runs\": [{\"state\": \"queued\"}]}"), "d")).isEmpty();
    }

    @Test
    void collections_areReadInOrderWithTheirTotal() {
        ListedRuns listed = AIRFLOW_3.readRuns(Json.parse("{\"dag_runs\": [{\"dag_run_id\": \"b\"}, "
                + "{\"dag_run_id\": \"a\"}], \"total_entries\": 7}"), "d").orElseThrow();

        assertThat(listed.runs()).extracting(DagRun::runId).isEqualTo(List.of("b", "a"));
        assertThat(listed.totalEntries()).isEqualTo(7);
    }

    @Test
    void onlyAirflow2_saysWhenA409IsOverTheLogicalDate() {
        String overDate = "{\"detail\": \"DAGRun with DAG ID: 'd' and DAGRun logical date: '2024-06-01 02:00:00+00:00' "
                + "already exists\", \"status\": 409, \"title\": \"Conflict\"}";
        String overRunId = "{\"detail\": \"DAGRun with DAG ID: 'd' and DAGRun ID: 'r' already exists\"}";

        assertThat(AIRFLOW_2.conflictNamesLogicalDate(Json.parse(overDate))).isTrue();
        assertThat(AIRFLOW_2.conflictNamesLogicalDate(Json.parse(overRunId))).isFalse();
        assertThat(AIRFLOW_3.conflictNamesLogicalDate(Json.parse(overDate))).isFalse();
    }

    @Test
    void paths_areAirflowsWithoutTheApiPrefix() {
        assertThat(RestApiDialect.runsPath("d")).isEqualTo("/dags/d/dagRuns");
        assertThat(RestApiDialect.runPath("d", "r")).isEqualTo("/dags/d/dagRuns/r");
    }
}
