package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiFunctionSettingsTest {

    private final Map<String, String> variables = new HashMap<>(Map.of(
            "MWAA_ENVIRONMENT_NAME", "MyAirflowEnvironment", "AWS_REGION", "eu-central-1"));

    private ApiFunctionSettings settings() {
        return ApiFunctionSettings.from(new Environment(variables), new Properties());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void unsetAllowList_stopsStartUpSayingWhatToSet(String value) {
        variables.put("API_ALLOWED_DAGS", value);

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessage("API_ALLOWED_DAGS is not set: set it to the DAG ids the API may trigger, as "
                        + "comma-separated globs such as etl_*,report_daily");
    }

    @Test
    void entryThatIsNotAGlob_stopsStartUpNamingTheVariableAndTheEntry() {
        variables.put("API_ALLOWED_DAGS", "etl_*,drop table");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessage("API_ALLOWED_DAGS entry 'drop table' is not a DAG id glob: use letters, digits, '_', '.', "
                        + "'-', and the wildcards '*' and '?'");
    }

    @Test
    void sharedSettings_areCheckedFirst() {
        variables.put("AWS_REGION", "Frankfurt");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("AWS_REGION 'Frankfurt' is not an AWS region");
    }
}
