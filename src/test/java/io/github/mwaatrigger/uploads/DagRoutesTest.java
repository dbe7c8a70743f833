package io.github.mwaatrigger.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import java.util.Map;
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
    void withoutRoutes_everyKeyGoesToDagId() {
        DagRoutes all = DagRoutes.fromEnvironment(new Environment(Map.of("DAG_ID", "everything")));

        assertThat(all.dagFor("any/deep/key with spaces.bin")).contains("everything");
    }

    @Test
    void routesWinOverDagId() {
        DagRoutes configured = DagRoutes.fromEnvironment(new Environment(Map.of("DAG_ID", "everything",
                "S3_DAG_ROUTES", "x/*=only_x")));

        assertThat(configured.dagFor("y/z")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "incoming/*.csv | S3_DAG_ROUTES rule 'incoming/*.csv' is not GLOB=DAG_ID",
        "a=b,=c | S3_DAG_ROUTES rule '=c' is not GLOB=DAG_ID",
        "a=not a dag | S3_DAG_ROUTES: 'not a dag' is not a valid DAG id"})
    void malformedRules_stopStartUpSayingWhatIsWrong(String rules, String message) {
        assertThatThrownBy(() -> DagRoutes.parse(rules)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void neitherVariable_stopsStartUpNamingBoth() {
        assertThatThrownBy(() -> DagRoutes.fromEnvironment(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DAG_ID is not set").hasMessageContaining("S3_DAG_ROUTES");
    }

    @Test
    void malformedDagId_stopsStartUpNamingDagId() {
        assertThatThrownBy(() -> DagRoutes.fromEnvironment(new Environment(Map.of("DAG_ID", "not a dag"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DAG_ID: 'not a dag' is not a valid DAG id");
    }
}
