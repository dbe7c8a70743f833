package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import org.junit.jupiter.api.Test;

/** Airflow's error answers as one line for a message, never echoing what was sent. */
class RestApiProblemsTest {

    @Test
    void airflow2Problem_isItsDetail_orItsTitleWithoutOne() {
        assertThat(RestApiProblems.summary(Json.parse("{\"detail\": \"DAG with dag_id: 'd' not found\", \"status\": 404, "
                + "\"title\": \"DAG not found\"}"))).contains("DAG with dag_id: 'd' not found");
        assertThat(RestApiProblems.summary(Json.parse("{\"detail\": null, \"status\": 403, \"title\": \"Forbidden\"}")))
                .contains("Forbidden");
    }

    @Test
    void airflow3Conflict_isItsReasonAndDatabaseError_withoutTheStatement() {
        String summary = RestApiProblems.summary(Json.parse("{\"detail\": {\"reason\": \"Unique constraint violation\", "
                + "\"statement\": \"INSERT INTO dag_run (conf) VALUES ('{\\\"secret\\\": 1}')\", "
                + "\"orig_error\": \"duplicate key value violates unique constraint\"}}")).orElseThrow();

        assertThat(summary).isEqualTo("Unique constraint violation (duplicate key value violates unique constraint)");
    }

    @Test
    void airflow3ValidationErrors_areWhereAndWhat_withoutTheInput() {
        String summary = RestApiProblems.summary(Json.parse("{\"detail\": [{\"type\": \"extra_forbidden\", \"loc\": "
                + "[\"body\", \"execution_date\"], \"msg\": \"Extra inputs are not permitted\", \"input\": \"secret\"}, "
                + "{\"loc\": [\"body\", \"conf\", 0], \"msg\": \"bad\"}]}")).orElseThrow();

        assertThat(summary).isEqualTo("body.execution_date: Extra inputs are not permitted; body.conf.0: bad");
    }

    @Test
    void longOrMultiLineDetails_becomeOneShortLine_andNothingReadableIsNothing() {
        assertThat(RestApiProblems.suffix(Json.parse("{\"detail\": \"a\\n  b" + "x".repeat(400) + "\"}")))
                .startsWith(": a bxxx").endsWith("...").hasSize(2 + 303);
        assertThat(RestApiProblems.suffix(Json.parse("null"))).isEmpty();
        assertThat(RestApiProblems.summary(Json.parse("{\"dag_runs\": []}"))).isEmpty();
    }
}
