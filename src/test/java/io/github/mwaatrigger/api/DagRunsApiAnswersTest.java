package io.github.mwaatrigger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.testing.InMemoryDagRuns;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.testing.OpenApiSchemas;
import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunOrder;
import io.github.mwaatrigger.trigger.DagRunState;
import io.github.mwaatrigger.trigger.DagRuns;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answer of the API, on every Airflow version the in-memory Airflow acts out (the CLI transport)
 * and on a transport that knows everything about a run (standing in for the REST transport), is valid
 * against Airflow 2.10's OpenAPI schemas for {@code DAGRun}, {@code DAGRunCollection} and {@code Error},
 * which Airflow's generated clients rely on.
 */
class DagRunsApiAnswersTest {

    private static final String CONF = "{\"path\": \"s3://b/k\", \"n\": 3, \"it's\": [true, null, \"\\u00e9\"]}";
    private static final OpenApiSchemas SCHEMAS = OpenApiSchemas.airflowDagRuns();

    private static DagRunsApi api(DagRuns runs, Clock clock) {
        return new DagRunsApi(runs, AllowedDags.parse("*"), clock);
    }

    private static DagRunsApi cliApi(InMemoryMwaa mwaa) {
        Settings settings = Settings.from(mwaa.environment(), new Properties());
        return api(mwaa.services(settings).dagRuns(), mwaa.clock());
    }

    private static ApiResponse post(DagRunsApi api, Clock clock, String body, String key) {
        return api.handle(new ApiRequest("POST", "/api/v1/dags/d/dagRuns", Map.of("dag_id", "d"), Map.of(),
                key == null ? Map.of() : Map.of("Idempotency-Key", key), body.getBytes(StandardCharsets.UTF_8), "req"),
                Deadline.after(Duration.ofSeconds(20), clock));
    }

    private static ApiResponse get(DagRunsApi api, Clock clock, String runId, Map<String, List<String>> query) {
        Map<String, String> path = runId == null ? Map.of("dag_id", "d") : Map.of("dag_id", "d", "dag_run_id", runId);
        return api.handle(new ApiRequest("GET", "/api/v1/dags/d/dagRuns" + (runId == null ? "" : "/" + runId), path,
                query, Map.of(), new byte[0], "req"), Deadline.after(Duration.ofSeconds(20), clock));
    }

    private static JsonObject valid(ApiResponse response, String schema) {
        JsonObject body = Json.parseObject(response.body(), "answer");
        assertThat(SCHEMAS.violations(schema, body)).as(response.body()).isEmpty();
        return body;
    }

    private static JsonObject validRun(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return valid(response, "DAGRun");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.0.2", "2.1.4", "2.5.1", "2.6.3", "2.10.3", "3.0.6"})
    void onTheCliTransport_everyAnswerIsValid_andAReplayHasTheOriginalsFields(String version) {
        InMemoryMwaa mwaa = InMemoryMwaa.running(version, "d");
        DagRunsApi api = cliApi(mwaa);

        JsonObject created = validRun(post(api, mwaa.clock(), "{\"conf\": " + CONF + "}", "order-1"));
        mwaa.clock().advance(Duration.ofMinutes(1));
        JsonObject replayed = validRun(post(api, mwaa.clock(), "{\"conf\": {\"other\": 1}}", "order-1"));
        String runId = created.string("dag_run_id").orElseThrow();
        JsonObject read = validRun(get(api, mwaa.clock(), runId, Map.of()));
        ApiResponse listed = get(api, mwaa.clock(), null, Map.of("limit", List.of("5")));

        assertThat(created.get("conf")).contains(Json.parse(CONF));
        assertThat(created.get("run_type")).contains(Json.parse("\"manual\""));
        assertThat(created.get("external_trigger")).contains(JsonBoolean.TRUE);
        assertThat(replayed).as("the replay answers what the original answered").isEqualTo(created);
        assertThat(read).as("a GET answers the run with its conf").isEqualTo(created);
        assertThat(listed.status()).isEqualTo(200);
        JsonObject page = valid(listed, "DAGRunCollection");
        assertThat(page.members().keySet()).containsExactly("dag_runs", "total_entries");
        assertThat(page.get("total_entries")).contains(JsonNumber.of(1));
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    /** Airflow 1.10 cannot list runs or print a run's conf: the answers hold less, but stay valid. */
    @Test
    void onAirflow110_theAnswersHoldLess_butAreValid() {
        InMemoryMwaa mwaa = InMemoryMwaa.running("1.10.12", "d");
        DagRunsApi api = cliApi(mwaa);

        JsonObject created = validRun(post(api, mwaa.clock(), "{\"conf\": " + CONF + "}", "order-1"));
        JsonObject replayed = validRun(post(api, mwaa.clock(), "{\"conf\": " + CONF + "}", "order-1"));
        ApiResponse listed = get(api, mwaa.clock(), null, Map.of());

        assertThat(created.get("conf")).contains(Json.parse(CONF));
        assertThat(replayed.string("dag_run_id")).isEqualTo(created.string("dag_run_id"));
        assertThat(listed.status()).isEqualTo(400);
        valid(listed, "Error");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void problems_areValidErrors(String version) {
        InMemoryMwaa mwaa = InMemoryMwaa.running(version, "d");
        DagRunsApi api = cliApi(mwaa);

        for (ApiResponse problem : List.of(get(api, mwaa.clock(), "nope", Map.of()),
                get(api, mwaa.clock(), null, Map.of("order_by", List.of("id"))),
                get(api, mwaa.clock(), null, Map.of("bogus", List.of("1"))),
                post(api, mwaa.clock(), "{\"conf\": []}", null))) {
            assertThat(problem.status()).isBetween(400, 499);
            valid(problem, "Error");
        }
    }

    @Test
    void onATransportThatKnowsEverything_everyAnswerIsValid_andAReplayHasTheOriginalsFields() {
        MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00.250Z"));
        InMemoryDagRuns runs = new InMemoryDagRuns(clock, "d");
        DagRunsApi api = api(runs, clock);

        JsonObject created = validRun(post(api, clock, "{\"conf\": " + CONF + ", \"dag_run_id\": \"r1\"}", "k"));
        JsonObject replayed = validRun(post(api, clock, "{\"conf\": " + CONF + ", \"dag_run_id\": \"r1\"}", "k"));
        clock.advance(Duration.ofHours(1));
        validRun(post(api, clock, "{\"dag_run_id\": \"r2\"}", null));
        runs.progress("d", "r1", DagRunState.SUCCESS, clock.instant(), clock.instant().plusSeconds(5));
        JsonObject read = validRun(get(api, clock, "r1", Map.of()));
        JsonObject page = valid(get(api, clock, null, Map.of()), "DAGRunCollection");

        assertThat(replayed).isEqualTo(created);
        assertThat(read.string("state")).contains("success");
        assertThat(read.get("conf")).contains(Json.parse(CONF));
        assertThat(((JsonArray) page.get("dag_runs").orElseThrow()).elements()).hasSize(2)
                .allSatisfy(run -> assertThat(((JsonObject) run).get("conf")).isPresent());
    }

    @Test
    void listParameters_reachTheTransportAsOneTypedQuery() {
        MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00.250Z"));
        InMemoryDagRuns runs = new InMemoryDagRuns(clock, "d");
        DagRunsApi api = api(runs, clock);
        Map<String, List<String>> query = Map.ofEntries(
                Map.entry("limit", List.of("7")), Map.entry("offset", List.of("2")),
                Map.entry("order_by", List.of("-updated_at")), Map.entry("state", List.of("queued,running", "failed")),
                Map.entry("execution_date_gte", List.of("2024-01-01T00:00:00+00:00")),
                Map.entry("execution_date_lte", List.of("2024-02-01T00:00:00Z")),
                Map.entry("start_date_gte", List.of("2024-01-02T00:00:00 00:00")),
                Map.entry("start_date_lte", List.of("2024-01-03T00:00:00")),
                Map.entry("end_date_gte", List.of("2024-01-04T00:00:00+02:00")),
                Map.entry("end_date_lte", List.of("2024-01-05T00:00:00+00:00")),
                Map.entry("updated_at_gte", List.of("2024-01-06T00:00:00+00:00")),
                Map.entry("updated_at_lte", List.of("2024-01-07T00:00:00+00:00")));

        ApiResponse response = get(api, clock, null, query);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(runs.lastQuery()).contains(DagRunListQuery.builder().limit(7).offset(2)
                .orderBy(DagRunOrder.parse("-updated_at"))
                .state(Set.of(DagRunState.QUEUED, DagRunState.RUNNING, DagRunState.FAILED))
                .executionDateGte(Instant.parse("2024-01-01T00:00:00Z"))
                .executionDateLte(Instant.parse("2024-02-01T00:00:00Z"))
                .startDateGte(Instant.parse("2024-01-02T00:00:00Z"))
                .startDateLte(Instant.parse("2024-01-03T00:00:00Z"))
                .endDateGte(Instant.parse("2024-01-03T22:00:00Z"))
                .endDateLte(Instant.parse("2024-01-05T00:00:00Z"))
                .updatedAtGte(Instant.parse("2024-01-06T00:00:00Z"))
                .updatedAtLte(Instant.parse("2024-01-07T00:00:00Z")).build());
    }
}
