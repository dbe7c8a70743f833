package io.github.mwaatrigger.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DagRoutesTest {

    private final DagRoutes routes = DagRoutes.parse(
            "incoming/*.csv=flat_csv, incoming/**/*.csv=deep_csv, reports/????/summary.pdf=summary, **/*.json=json_any");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "incoming/a.csv, flat_csv",
        "incoming/2024/06/a.csv, deep_csv",
        "incoming/x/a.csv, deep_csv",
        "reports/2024/summary.pdf, summary",
        "reports/24/summary.pdf, none",
        "a.json, json_any",
        "deep/down/b.json, json_any",
        "incoming/a.csv.gz, none",
        "other/a.csv, none"})
    void firstMatchingRuleWins(String key, String dagId) {
        assertThat(routes.dagFor(key).orElse(null)).isEqualTo(dagId);
    }

    @Test
    void globsMatchRegexCharactersLiterally() {
        DagRoutes literal = DagRoutes.parse("data (1)/[x]+.csv=literal");

        assertThat(literal.dagFor("data (1)/[x]+.csv")).contains("literal");
        assertThat(literal.dagFor("data 1/x+.csv")).isEmpty();
    }

    @Test
    void oneDagForEveryObject_takesEveryKey() {
        DagRoutes all = DagRoutes.everyObjectTo("everything");

        assertThat(all.dagFor("any/deep/key with spaces.bin")).contains("everything");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "incoming/*.csv | rule 'incoming/*.csv' is not GLOB=DAG_ID: write rules such as 'incoming/**/*.csv=load_csv'",
        "a=b,=c | rule '=c' is not GLOB=DAG_ID",
        "a=b, x= | rule 'x=' is not GLOB=DAG_ID"})
    void ruleThatIsNotGlobEqualsDagId_isRefusedNamingIt(String rules, String message) {
        assertThatThrownBy(() -> DagRoutes.parse(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void ruleNamingSomethingThatIsNotADagId_isRefusedAsAnInvalidId() {
        assertThatThrownBy(() -> DagRoutes.parse("a=not a dag")).isInstanceOf(InvalidAirflowIdException.class)
                .hasMessageStartingWith("'not a dag' is not a valid DAG id");
    }

    @Test
    void oneDagThatIsNotADagId_isRefused() {
        assertThatThrownBy(() -> DagRoutes.everyObjectTo("-rf")).isInstanceOf(InvalidAirflowIdException.class);
    }
}
