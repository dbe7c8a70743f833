package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleFunctionSettingsTest {

    private final Map<String, String> variables = new HashMap<>(Map.of(
            "MWAA_ENVIRONMENT_NAME", "MyAirflowEnvironment", "AWS_REGION", "eu-central-1"));

    private ScheduleFunctionSettings settings() {
        return ScheduleFunctionSettings.from(new Environment(variables), new Properties());
    }

    @Test
    void dagId_isTheDefaultDag() {
        variables.put("DAG_ID", "nightly_report");

        assertThat(settings().defaultDagId()).contains("nightly_report");
    }

    @Test
    void withoutDagId_thereIsNoDefault_forEverySchedulesInputNamesItsDag() {
        assertThat(settings().defaultDagId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a dag", "-starts_with_dash", "dag/with/slashes"})
    void malformedDagId_stopsStartUpNamingDagId(String dagId) {
        variables.put("DAG_ID", dagId);

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DAG_ID: '" + dagId + "' is not a valid DAG id");
    }

    @Test
    void uploadRoutes_areNotTheScheduleFunctionsConcern() {
        variables.put("S3_DAG_ROUTES", "not a rule");

        assertThat(settings().defaultDagId()).isEmpty();
    }
}
