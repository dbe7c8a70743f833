package io.github.mwaatrigger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunOrder;
import io.github.mwaatrigger.trigger.DagRunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Airflow v1's list parameters, each read into the typed query, or refused with a 400 that names it. */
class DagRunListParametersTest {

    private static DagRunListQuery parse(String name, String... values) {
        return DagRunListParameters.parse(Map.of(name, List.of(values)));
    }

    @Test
    void noParameters_isThisApisDefault_aHundredRunsNewestFirst() {
        assertThat(DagRunListParameters.parse(Map.of())).isEqualTo(new DagRunListQuery(100, 0));
        assertThat(DagRunListParameters.parse(Map.of()).orderBy().parameter()).isEqualTo("-execution_date");
    }

    @Test
    void limitAndOffset_areRead_andALimitOverAHundredIsAHundred_asInAirflow() {
        assertThat(parse("limit", "7").limit()).isEqualTo(7);
        assertThat(parse("limit", "1000").limit()).isEqualTo(100);
        assertThat(parse("offset", "0").offset()).isZero();
        assertThat(parse("offset", "250").offset()).isEqualTo(250);
    }

    @ParameterizedTest
    @ValueSource(strings = {"execution_date", "-execution_date", "id", "-dag_run_id", "state", "start_date",
        "-end_date", "updated_at", "external_trigger", "conf", "dag_id"})
    void orderBy_takesEveryFieldAirflowSortsBy(String orderBy) {
        assertThat(parse("order_by", orderBy).orderBy()).isEqualTo(DagRunOrder.parse(orderBy));
    }

    @Test
    void state_takesRepeatedAndCommaSeparatedValues() {
        assertThat(parse("state", "queued").state()).containsExactly(DagRunState.QUEUED);
        assertThat(parse("state", "success", "failed").state()).containsExactly(DagRunState.SUCCESS,
                DagRunState.FAILED);
        assertThat(parse("state", "running, queued", "running").state()).containsExactly(DagRunState.QUEUED,
                DagRunState.RUNNING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"execution_date_gte", "execution_date_lte", "start_date_gte", "start_date_lte", "end_date_gte",
        "end_date_lte", "updated_at_gte", "updated_at_lte"})
    void everyDateFilter_isReadAsAirflowReadsIt(String name) {
        Map<String, Function<DagRunListQuery, Optional<Instant>>> fields = Map.of(
                "execution_date_gte", DagRunListQuery::executionDateGte,
                "execution_date_lte", DagRunListQuery::executionDateLte,
                "start_date_gte", DagRunListQuery::startDateGte, "start_date_lte", DagRunListQuery::startDateLte,
                "end_date_gte", DagRunListQuery::endDateGte, "end_date_lte", DagRunListQuery::endDateLte,
                "updated_at_gte", DagRunListQuery::updatedAtGte, "updated_at_lte", DagRunListQuery::updatedAtLte);

        assertThat(fields.get(name).apply(parse(name, "2024-06-01T02:00:00+02:00")))
                .contains(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(fields.get(name).apply(parse(name, "2024-06-01T00:00:00.5Z")))
                .contains(Instant.parse("2024-06-01T00:00:00.5Z"));
        assertThat(fields.get(name).apply(parse(name, "2024-06-01T00:00:00 00:00")))
                .as("a '+' the query string turned into a space").contains(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(fields.get(name).apply(parse(name, "2024-06-01T00:00:00")))
                .as("without a zone: UTC").contains(Instant.parse("2024-06-01T00:00:00Z"));
        assertThatThrownBy(() -> parse(name, "yesterday")).isInstanceOf(BadRequestException.class)
                .hasMessage("'" + name + "' must be an ISO 8601 date-time such as 2024-06-01T00:00:00+00:00, got "
                        + "'yesterday'");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "limit     | 0       | 'limit' must be a whole number of at least 1, got '0'",
        "limit     | ten     | 'limit' must be a whole number of at least 1, got 'ten'",
        "offset    | -1      | 'offset' must be a whole number of at least 0, got '-1'",
        "order_by  | ip      | 'order_by' cannot be 'ip': ordering by 'ip' is not possible: order by one of id, state,",
        "order_by  | --state | 'order_by' cannot be '--state'",
        "state     | paused  | 'state' must be one of queued, running, success, failed (repeat it, or separate values "
                + "with commas, for several), got 'paused'",
        "state     | ''      | 'state' must be one of queued, running, success, failed"})
    void badValue_isRefusedNamingTheParameter(String name, String value, String message) {
        assertThatThrownBy(() -> parse(name, value)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit", "offset", "order_by", "execution_date_gte"})
    void aSingleValuedParameterGivenTwice_isRefused(String name) {
        assertThatThrownBy(() -> parse(name, "1", "2")).isInstanceOf(BadRequestException.class)
                .hasMessage("'" + name + "' is given 2 times; give it once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "dag_id", "states", "Limit", "execution_date", "run_id"})
    void unknownParameter_isRefusedNamingIt_andListingTheParametersThereAre(String name) {
        assertThatThrownBy(() -> parse(name, "1")).isInstanceOf(BadRequestException.class)
                .hasMessage("unknown query parameter '" + name + "': listing DAG runs takes limit, offset, "
                        + "execution_date_gte, execution_date_lte, start_date_gte, start_date_lte, end_date_gte, "
                        + "end_date_lte, updated_at_gte, updated_at_lte, state, order_by");
    }

    @Test
    void fields_isAirflowsButRefused_asThisApiAnswersWholeRuns() {
        assertThatThrownBy(() -> parse("fields", "dag_run_id")).isInstanceOf(BadRequestException.class)
                .hasMessage("the query parameter 'fields' is not supported: this API always answers whole DAG runs; "
                        + "leave it out");
    }

    @Test
    void routesWithoutParameters_refuseAny() {
        assertThatThrownBy(() -> DagRunListParameters.requireNone(Map.of("limit", List.of("1")), "reading a DAG run"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("unknown query parameter 'limit': reading a DAG run takes no query parameters");
        DagRunListParameters.requireNone(Map.of(), "reading a DAG run");
    }

    @Test
    void everyParameterTogether_makesOneQuery() {
        DagRunListQuery query = DagRunListParameters.parse(Map.of("limit", List.of("3"), "state",
                List.of("success"), "order_by", List.of("start_date"), "execution_date_gte",
                List.of("2024-01-01T00:00:00Z")));

        assertThat(query).isEqualTo(DagRunListQuery.builder().limit(3).state(Set.of(DagRunState.SUCCESS))
                .orderBy(DagRunOrder.parse("start_date")).executionDateGte(Instant.parse("2024-01-01T00:00:00Z"))
                .build());
    }
}
