package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowVersion;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private final Map<String, String> variables = new HashMap<>(Map.of(
            "MWAA_ENVIRONMENT_NAME", "MyAirflowEnvironment", "AWS_REGION", "eu-central-1"));

    @Test
    void minimalEnvironment_givesAutoVersionAndNoEndpointOverride() {
        Settings settings = settings();

        assertThat(settings.environmentName()).isEqualTo("MyAirflowEnvironment");
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.airflowVersion()).isEmpty();
        assertThat(settings.endpointOverride()).isEmpty();
        assertThat(settings.maxConcurrentCliCalls()).isEqualTo(4);
    }

    @Test
    void configuredVersion_isParsed() {
        variables.put("AIRFLOW_VERSION", "2.10.3");

        assertThat(settings().airflowVersion()).contains(AirflowVersion.of(2, 10, 3));
    }

    @Test
    void serviceSpecificEndpoint_winsOverTheGeneralOne() {
        variables.put("AWS_ENDPOINT_URL", "https://general.example:1");
        variables.put("AWS_ENDPOINT_URL_MWAA", "https://127.0.0.1:8443");

        assertThat(settings().endpointOverride()).contains(URI.create("https://127.0.0.1:8443"));
    }

    @Test
    void endpointSystemProperty_winsOverTheEnvironment() {
        variables.put("AWS_ENDPOINT_URL_MWAA", "https://127.0.0.1:8443");
        Properties properties = new Properties();
        properties.setProperty("aws.endpointUrlMwaa", "https://127.0.0.1:9443");

        Settings settings = Settings.from(new Environment(variables), properties);

        assertThat(settings.endpointOverride()).contains(URI.create("https://127.0.0.1:9443"));
    }

    @Test
    void defaultRegion_isTheFallback() {
        variables.remove("AWS_REGION");
        variables.put("AWS_DEFAULT_REGION", "ap-southeast-2");

        assertThat(settings().region()).isEqualTo("ap-southeast-2");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "MWAA_ENVIRONMENT_NAME | '' | MWAA_ENVIRONMENT_NAME is not set: set it to your MWAA environment's name",
        "MWAA_ENVIRONMENT_NAME | 1env | MWAA_ENVIRONMENT_NAME '1env' is not an MWAA environment name: use 1-80 characters",
        "AIRFLOW_VERSION | latest | AIRFLOW_VERSION 'latest' is not usable: give the environment's Airflow version",
        "AIRFLOW_VERSION | 4.0.0 | AIRFLOW_VERSION '4.0.0' is not usable",
        "AWS_REGION | '' | AWS_REGION is not set: set it to the region of your MWAA environment, e.g. us-east-1",
        "AWS_REGION | Frankfurt | AWS_REGION 'Frankfurt' is not an AWS region: use a code such as us-east-1",
        "MWAA_MAX_CONCURRENT_CLI_CALLS | 0 | MWAA_MAX_CONCURRENT_CLI_CALLS '0' is not a number from 1 to 64",
        "AWS_ENDPOINT_URL_MWAA | localhost:8443 | AWS_ENDPOINT_URL_MWAA 'localhost:8443' is not an endpoint URL: use a URL such as https://127.0.0.1:8443",
        "MWAA_TRANSPORT | http | MWAA_TRANSPORT 'http' is not a transport: use cli (CLI tokens, the default) or rest",
        "MWAA_AIRFLOW_ROLE | 'User;Admin' | MWAA_AIRFLOW_ROLE 'User;Admin' is not an Airflow role name: use one such as User"})
    void badSetting_stopsStartUpNamingItAndSayingWhatIsValid(String name, String value, String message) {
        variables.put(name, value);

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class).hasMessageStartingWith(message);
    }

    @Test
    void transport_isTheCliByDefault_andRestWhenAsked_inAnyCase() {
        assertThat(settings().transport()).isEqualTo(Transport.CLI);
        assertThat(settings().airflowRole()).isEmpty();

        variables.put("MWAA_TRANSPORT", "REST");
        variables.put("MWAA_AIRFLOW_ROLE", "User");

        assertThat(settings().transport()).isEqualTo(Transport.REST);
        assertThat(settings().airflowRole()).contains("User");
    }

    @ParameterizedTest(name = "AIRFLOW_VERSION={0}")
    @CsvSource({"1.10.12", "2.0.2", "2.4.2"})
    void rest_withAConfiguredAirflowThatInvokeRestApiCannotReach_stopsStartUp_namingBothSettingsAndTheWayOut(
            String version) {
        variables.put("MWAA_TRANSPORT", "rest");
        variables.put("AIRFLOW_VERSION", version);

        assertThatThrownBy(this::settings).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("MWAA_TRANSPORT=rest cannot reach AIRFLOW_VERSION " + version)
                .hasMessageContaining("2.4.3 or later").hasMessageEndingWith("use MWAA_TRANSPORT=cli for it");
    }

    @Test
    void rest_withAutoVersion_isCheckedOnFirstUse() {
        variables.put("MWAA_TRANSPORT", "rest");

        assertThat(settings().transport()).isEqualTo(Transport.REST);
        assertThat(settings().airflowVersion()).isEmpty();
    }

    private Settings settings() {
        return Settings.from(new Environment(variables), new Properties());
    }

    @Test
    void blankValues_countAsUnset() {
        variables.put("AIRFLOW_VERSION", "   ");

        assertThat(settings().airflowVersion()).isEqualTo(Optional.empty());
    }
}
