package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.RestApiClient;
import io.github.mwaatrigger.testing.TestEmulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiMethod;

/**
 * {@code InvokeRestApi} on an Airflow 3 environment, through the AWS SDK for Java v2: the public API
 * ({@code /api/v2}) semantics, pydantic's 422s, the database's 409, {@code {"detail": ...}} errors.
 */
class InvokeRestApiAirflow3Test {

    private static final String DAG_RUNS = "/dags/example_dag/dagRuns";

    private MwaaEmulator emulator;
    private RestApiClient client;

    @BeforeEach
    void start() {
        emulator = TestEmulator.start(AirflowVersion.of(3, 0, 6));
        client = RestApiClient.of(emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void post_withANullLogicalDate_createsARunWithoutOne() {
        JsonObject run = RestApiClient.object(client.post(DAG_RUNS,
                "{\"dag_run_id\": \"order_1\", \"logical_date\": null, \"conf\": {\"order\": 1}}").restApiResponse());

        assertThat(run.members().keySet()).containsExactly("dag_run_id", "dag_id", "logical_date", "queued_at",
                "start_date", "end_date", "data_interval_start", "data_interval_end", "run_after",
                "last_scheduling_decision", "run_type", "state", "triggered_by", "conf", "note", "dag_versions");
        assertThat(run.get("logical_date")).contains(JsonNull.INSTANCE);
        assertThat(run.get("data_interval_start")).contains(JsonNull.INSTANCE);
        assertThat(run.string("triggered_by")).contains("rest_api");
        assertThat(run.string("state")).contains("queued");
        assertThat(run.string("run_after")).hasValueSatisfying(date -> assertThat(date).endsWith("Z"));
        assertThat(run.get("conf")).contains(Json.parse("{\"order\": 1}"));
        assertThat(emulator.runs()).singleElement().satisfies(created -> assertThat(created.logicalDate()).isEmpty());
    }

    @Test
    void post_withALogicalDate_writesItAsPydanticDoes() {
        JsonObject run = RestApiClient.object(client.post(DAG_RUNS,
                "{\"dag_run_id\": \"d\", \"logical_date\": \"2024-06-01T10:00:00+02:00\"}").restApiResponse());

        assertThat(run.string("logical_date")).contains("2024-06-01T08:00:00Z");
    }

    @Test
    void post_withoutALogicalDate_isPydantics422() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_run_id\": \"r\"}"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.restApiStatusCode()).isEqualTo(422);
        assertThat(RestApiClient.response(e)).isEqualTo(Json.parse("{\"detail\": [{\"type\": \"missing\", "
                + "\"loc\": [\"body\", \"logical_date\"], \"msg\": \"Field required\", \"input\": {\"dag_run_id\": \"r\"}}]}"));
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void post_withAirflow2sExecutionDate_isRefusedAsAnExtraField() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class, () -> client.post(DAG_RUNS,
                "{\"logical_date\": null, \"execution_date\": \"2024-06-01T00:00:00Z\"}"));

        assertThat(e.restApiStatusCode()).isEqualTo(422);
        assertThat(RestApiClient.response(e)).isEqualTo(Json.parse("{\"detail\": [{\"type\": \"extra_forbidden\", "
                + "\"loc\": [\"body\", \"execution_date\"], \"msg\": \"Extra inputs are not permitted\", "
                + "\"input\": \"2024-06-01T00:00:00Z\"}]}"));
    }

    @Test
    void post_ofANaiveDate_isRefused() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"logical_date\": \"2024-06-01T00:00:00\"}"));

        assertThat(e.restApiStatusCode()).isEqualTo(422);
        assertThat(errorTypes(e)).containsExactly("timezone_aware");
    }

    @Test
    void post_ofATakenRunId_isTheUniqueConstraints409() {
        client.post(DAG_RUNS, "{\"dag_run_id\": \"order_1\", \"logical_date\": null}");

        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_run_id\": \"order_1\", \"logical_date\": null}"));

        assertThat(e.restApiStatusCode()).isEqualTo(409);
        JsonObject detail = (JsonObject) ((JsonObject) RestApiClient.response(e)).get("detail").orElseThrow();
        assertThat(detail.string("reason")).contains("Unique constraint violation");
        assertThat(detail.string("orig_error")).hasValueSatisfying(error -> assertThat(error)
                .contains("dag_run_dag_id_run_id_key").contains("(dag_id, run_id)=(example_dag, order_1)"));
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void post_atATakenLogicalDate_is409() {
        client.post(DAG_RUNS, "{\"dag_run_id\": \"a\", \"logical_date\": \"2024-06-01T00:00:00Z\"}");

        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.post(DAG_RUNS, "{\"dag_run_id\": \"b\", \"logical_date\": \"2024-06-01T00:00:00Z\"}"));

        assertThat(e.restApiStatusCode()).isEqualTo(409);
        assertThat(RestApiClient.response(e).toString()).contains("dag_run_dag_id_logical_date_key");
    }

    @Test
    void post_andList_ofAnUnknownDag_are404() {
        RestApiClientException post = catchThrowableOfType(RestApiClientException.class,
                () -> client.post("/dags/no_such_dag/dagRuns", "{\"logical_date\": null}"));
        RestApiClientException list = catchThrowableOfType(RestApiClientException.class,
                () -> client.get("/dags/no_such_dag/dagRuns"));

        assertThat(RestApiClient.response(post)).isEqualTo(Json.parse("{\"detail\": \"DAG with dag_id: 'no_such_dag' not found\"}"));
        assertThat(RestApiClient.response(list)).isEqualTo(Json.parse(
                "{\"detail\": \"The DAG with dag_id: `no_such_dag` was not found\"}"));
    }

    @Test
    void get_ofAMissingRun_is404() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class, () -> client.get(DAG_RUNS + "/x"));

        assertThat(e.restApiStatusCode()).isEqualTo(404);
        assertThat(RestApiClient.response(e)).isEqualTo(Json.parse(
                "{\"detail\": \"The DagRun with dag_id: `example_dag` and run_id: `x` was not found\"}"));
    }

    @Test
    void list_usesV2Parameters_andIgnoresV1Ones() {
        for (int day = 1; day <= 3; day++) {
            client.post(DAG_RUNS, "{\"dag_run_id\": \"day_" + day + "\", \"logical_date\": \"2024-06-0" + day
                    + "T00:00:00Z\"}");
        }

        JsonObject v2 = RestApiClient.object(client.get(DAG_RUNS,
                "{\"logical_date_gte\": \"2024-06-02T00:00:00Z\", \"order_by\": \"-logical_date\"}").restApiResponse());
        JsonObject v1 = RestApiClient.object(client.get(DAG_RUNS,
                "{\"execution_date_gte\": \"2024-06-02T00:00:00Z\"}").restApiResponse());

        assertThat(runIds(v2)).containsExactly("day_3", "day_2");
        assertThat(v2.get("total_entries")).contains(Json.parse("2"));
        assertThat(runIds(v1)).containsExactly("day_1", "day_2", "day_3");
    }

    @Test
    void list_withANegativeLimit_isPydantics422() {
        RestApiClientException e = catchThrowableOfType(RestApiClientException.class,
                () -> client.get(DAG_RUNS, "{\"limit\": -1}"));

        assertThat(RestApiClient.response(e)).isEqualTo(Json.parse("{\"detail\": [{\"type\": \"greater_than_equal\", "
                + "\"loc\": [\"query\", \"limit\"], \"msg\": \"Input should be greater than or equal to 0\", "
                + "\"input\": \"-1\", \"ctx\": {\"ge\": 0}}]}"));
    }

    @Test
    void otherPathsAndMethods_areFastApis404And405() {
        RestApiClientException path = catchThrowableOfType(RestApiClientException.class, () -> client.get("/dagz"));
        RestApiClientException method = catchThrowableOfType(RestApiClientException.class,
                () -> client.invoke(RestApiMethod.PATCH, DAG_RUNS, null, "{}"));

        assertThat(RestApiClient.response(path)).isEqualTo(Json.parse("{\"detail\": \"Not Found\"}"));
        assertThat(method.restApiStatusCode()).isEqualTo(405);
        assertThat(RestApiClient.response(method)).isEqualTo(Json.parse("{\"detail\": \"Method Not Allowed\"}"));
    }

    private static List<String> errorTypes(RestApiClientException e) {
        JsonArray errors = (JsonArray) ((JsonObject) RestApiClient.response(e)).get("detail").orElseThrow();
        return errors.elements().stream().map(error -> ((JsonObject) error).string("type").orElseThrow()).toList();
    }

    private static List<String> runIds(JsonObject page) {
        return ((JsonArray) page.get("dag_runs").orElseThrow()).elements().stream()
                .map(run -> ((JsonObject) run).string("dag_run_id").orElseThrow()).toList();
    }
}
