package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadFunctionSettingsTest {

    private final Map<String, String> variables = new HashMap<>(Map.of(
            "MWAA_ENVIRONMENT_NAME", "MyAirflowEnvironment", "AWS_REGION", "eu-central-1"));

    private UploadFunctionSettings settings() {
        return UploadFunctionSettings.from(new Environment(variables), new Properties());
    }

    @Test
    void dagIdAlone_sendsEveryObjectToIt() {
        variables.put("DAG_ID", "everything");

        UploadFunctionSettings settings = settings();

        assertThat(settings.routes().dagFor("any/deep/key with spaces.bin")).contains("everything");
        assertThat(settings.mwaa().environmentName()).isEqualTo("MyAirflowEnvironment");
    }

    @ParameterizedTest(name = "MWAA_MAX_CONCURRENT_CLI_CALLS={0}")
    @CsvSource(nullValues = "unset", value = {"unset, 4", "1, 1", "2, 2", "16, 16"})
    void objectsOfOneEvent_areTriggeredAsManyAtOnceAsTheProcessSendsCliCommands(String slots, int expected) {
        variables.put("DAG_ID", "everything");
        if (slots != null) {
            variables.put("MWAA_MAX_CONCURRENT_CLI_CALLS", slots);
        }

        assertThat(settings().concurrentTriggers()).isEqualTo(expected);
    }

    @Test
    void routes_winOverDagId_whichIsThenNotRead() {
        variables.put("S3_DAG_ROUTES", "x/*=only_x");
        variables.put("DAG_ID", "not a dag");

        UploadFunctionSettings settings = settings();

        assertThat(settings.routes().dagFor("x/a.csv")).contains("only_x");
        assertThat(settings.routes().dagFor("y/z")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "incoming/*.csv | S3_DAG_ROUTES rule 'incoming/*.csv' is not GLOB=DAG_ID: write rules such as "
                + "'incoming/**/*.csv=load_csv', separated by commas",
        "a=b,=c | S3_DAG_ROUTES rule '=c' is not GLOB=DAG_ID: write rules such as 'incoming/**/*.csv=load_csv', "
                + "separated by commas",
        "a=not a dag | S3_DAG_ROUTES: 'not a dag' is not a valid DAG id: use at most 250 letters, digits, '_', '.' "
                + "or '-', not starting with '-'"})
    void malformedRules_stopStartUpNamingTheVariableAndSayingWhatIsWrong(String rules, String message) {
        variables.put("S3_DAG_ROUTES", rules);

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    @Test
    void neitherRoutesNorDagId_stopsStartUpNamingBoth() {
        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessage("DAG_ID is not set: set it to the DAG every upload starts, or set S3_DAG_ROUTES to rules "
                        + "such as 'incoming/**/*.csv=load_csv,reports/*=build_report'");
    }

    @Test
    void blankRoutes_countAsUnset() {
        variables.put("S3_DAG_ROUTES", "  ");
        variables.put("DAG_ID", "everything");

        assertThat(settings().routes().dagFor("k")).contains("everything");
    }

    @Test
    void malformedDagId_stopsStartUpNamingDagId() {
        variables.put("DAG_ID", "not a dag");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DAG_ID: 'not a dag' is not a valid DAG id");
    }

    @Test
    void sharedSettings_areCheckedFirst() {
        variables.remove("MWAA_ENVIRONMENT_NAME");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("MWAA_ENVIRONMENT_NAME is not set");
    }
}
