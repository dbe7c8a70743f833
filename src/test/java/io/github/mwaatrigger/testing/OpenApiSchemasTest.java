package io.github.mwaatrigger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema check that the API's answer tests rely on finds what Airflow's generated clients would refuse. */
class OpenApiSchemasTest {

    private static final String AIRFLOW_ANSWER = """
            {"conf": {"x": 1}, "dag_id": "d", "dag_run_id": "r1", "data_interval_end": "2024-06-01T00:00:00+00:00",
             "data_interval_start": "2024-06-01T00:00:00+00:00", "end_date": null,
             "execution_date": "2024-06-01T00:00:00+00:00", "external_trigger": true,
             "last_scheduling_decision": null, "logical_date": "2024-06-01T00:00:00+00:00", "note": null,
             "run_type": "manual", "start_date": "2024-06-01T00:00:01.250000+00:00", "state": "running"}
            """;

    private final OpenApiSchemas schemas = OpenApiSchemas.airflowDagRuns();

    @Test
    void whatAirflowAnswers_isValid() {
        assertThat(schemas.violations("DAGRun", Json.parse(AIRFLOW_ANSWER))).isEmpty();
        assertThat(schemas.violations("DAGRunCollection", Json.parse("{\"dag_runs\": [" + AIRFLOW_ANSWER
                + "], \"total_entries\": 1}"))).isEmpty();
        assertThat(schemas.violations("DAGRun", Json.parse("{\"dag_id\": \"d\"}"))).as("no field is required").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"conf\": null                  | $.conf: null where the schema allows none",
        "\"run_type\": null              | $.run_type: null where the schema allows none",
        "\"external_trigger\": null      | $.external_trigger: null where the schema allows none",
        "\"state\": null                 | $.state: null where the schema allows none",
        "\"state\": \"up_for_retry\"     | $.state: \"up_for_retry\" is not one of",
        "\"run_type\": \"asset_triggered\" | $.run_type: \"asset_triggered\" is not one of",
        "\"conf\": \"{}\"                | $.conf: expected object, got string",
        "\"external_trigger\": \"True\"  | $.external_trigger: expected boolean, got string",
        "\"logical_date\": \"2024-06-01 00:00:00\" | $.logical_date: '2024-06-01 00:00:00' is not an RFC 3339 date-time",
        "\"start_date\": \"2024-06-01T00:00:00\" | $.start_date: '2024-06-01T00:00:00' is not an RFC 3339 date-time",
        "\"triggering_user_name\": \"x\" | $.triggering_user_name: not a property of the schema"})
    void whatAGeneratedClientWouldRefuse_isReported(String member, String violation) {
        assertThat(schemas.violations("DAGRun", Json.parse("{\"dag_id\": \"d\", " + member + "}")))
                .singleElement().asString().startsWith(violation);
    }

    @Test
    void collectionsAndProblems_areCheckedToo() {
        assertThat(schemas.violations("DAGRunCollection", Json.parse("{\"dag_runs\": [{\"conf\": null}], "
                + "\"total_entries\": 1.5, \"next\": 2}"))).containsExactlyInAnyOrder(
                        "$.dag_runs[0].conf: null where the schema allows none",
                        "$.total_entries: expected integer, got number",
                        "$.next: not a property of the schema");
        assertThat(schemas.violations("Error", Json.parse("{\"detail\": \"x\", \"status\": 400}"))).containsExactly(
                "$: required property 'type' is missing", "$: required property 'title' is missing");
    }
}
