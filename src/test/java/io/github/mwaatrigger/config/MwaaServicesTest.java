package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Backoff;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.testing.ClockAdvancingSleeper;
import io.github.mwaatrigger.testing.InMemoryAirflow;
import io.github.mwaatrigger.testing.InMemoryControlPlane;
import io.github.mwaatrigger.testing.InMemoryRestApi;
import io.github.mwaatrigger.testing.MutableClock;
import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The services wired over any Airflow CLI, with the version configured or asked of MWAA. */
class MwaaServicesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:30:00Z"));
    private final InMemoryAirflow airflow = new InMemoryAirflow("2.10.3", clock, "d");
    private final InMemoryControlPlane controlPlane = new InMemoryControlPlane("2.10.3");
    private final Map<String, String> variables = new HashMap<>(Map.of(
            "MWAA_ENVIRONMENT_NAME", "MyAirflowEnvironment", "AWS_REGION", "eu-central-1"));

    private MwaaServices services() {
        Settings settings = Settings.from(new Environment(variables), new Properties());
        return MwaaServices.over(airflow, controlPlane, settings, clock, new ClockAdvancingSleeper(clock));
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    @Test
    void configuredVersion_isUsed_andMwaaIsNeverAskedForIt() {
        variables.put("AIRFLOW_VERSION", "2.10.3");
        MwaaServices services = services();

        services.dagRuns().trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline());
        services.dagRuns().list("d", new DagRunListQuery(100, 0), deadline());

        assertThat(controlPlane.calls()).isEmpty();
        assertThat(airflow.runs()).hasSize(1);
    }

    @Test
    void autoVersion_isAskedOfMwaaOnce_onFirstUse_forTriggersAndQueriesAlike() {
        variables.put("AIRFLOW_VERSION", "auto");
        MwaaServices services = services();
        assertThat(controlPlane.calls()).isEmpty();

        services.dagRuns().list("d", new DagRunListQuery(100, 0), deadline());
        TriggerResult result = services.dagRuns().trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline());

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(controlPlane.calls()).containsExactly("GetEnvironment");
    }

    @Test
    void restTransport_startsAndReadsRunsThroughTheRestApi_neverTheCli() {
        variables.put("MWAA_TRANSPORT", "rest");
        variables.put("AIRFLOW_VERSION", "2.10.3");
        InMemoryRestApi restApi = new InMemoryRestApi(airflow);
        MwaaServices services = MwaaServices.over(airflow, restApi, controlPlane,
                Settings.from(new Environment(variables), new Properties()), Backoff.standard(),
                new ClockAdvancingSleeper(clock), clock);

        services.dagRuns().trigger(DagRunRequest.of("d", "r1", JsonObject.empty()), deadline());
        services.dagRuns().list("d", new DagRunListQuery(100, 0), deadline());

        assertThat(restApi.requests()).hasSize(2);
        assertThat(airflow.commands()).isEmpty();
        assertThat(airflow.runs()).hasSize(1);
        assertThat(services.cli()).isSameAs(airflow);
    }

    @Test
    void restTransport_withoutARestApi_isRefusedWhenWired() {
        variables.put("MWAA_TRANSPORT", "rest");

        assertThatThrownBy(this::services).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an AirflowRestApi");
        assertThatThrownBy(() -> MwaaServices.create(Settings.from(new Environment(variables), new Properties()),
                controlPlane, clock, Backoff.standard())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an InvokeRestApi endpoint");
    }

    @Test
    void prepare_preparesTheControlPlane_withoutCallingIt() {
        MwaaServices services = services();

        services.prepare();

        assertThat(controlPlane.prepared()).isTrue();
        assertThat(controlPlane.calls()).isEmpty();
    }
}
