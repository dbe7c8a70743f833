package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Priming runs before the SnapStart snapshot: it must never reach MWAA, so that the snapshot holds no
 * token, no connection and no Airflow version that could be stale when restored.
 */
class SnapStartPrimingTest {

    private final InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag");
    private final Environment environment = mwaa.environment().with("AIRFLOW_VERSION", "auto")
            .with("DAG_ID", "example_dag");

    private ApiHandler apiHandler(String allowedDags) {
        return new ApiHandler(ApiFunctionSettings.from(environment.with("API_ALLOWED_DAGS", allowedDags),
                new Properties()), mwaa::services, mwaa.clock());
    }

    @Test
    void primingEveryFunction_preparesTheClient_butAsksMwaaNothing_evenWithTheVersionLeftToAuto() {
        new S3UploadHandler(UploadFunctionSettings.from(environment, new Properties()), mwaa::services, mwaa.clock())
                .priming().prime();
        new ScheduleHandler(ScheduleFunctionSettings.from(environment, new Properties()), mwaa::services,
                mwaa.clock()).priming().prime();
        apiHandler("*").priming().prime();

        assertThat(mwaa.controlPlane().prepared()).isTrue();
        assertThat(mwaa.controlPlane().calls()).isEmpty();
        assertThat(mwaa.airflow().commands()).isEmpty();
        assertThat(mwaa.airflow().runs()).isEmpty();
    }

    /**
     * With every DAG allowed, the API's priming request passes the DAG id, the allow list and the body, so
     * only its last check keeps it from MWAA: were that check gone, the test above would see a call.
     */
    @Test
    void apiPriming_goesThroughTheAllowListAndTheBody_andStopsJustBeforeTheTrigger() {
        APIGatewayProxyResponseEvent response = apiHandler("*").primeApiPath();

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parseObject(response.getBody(), "response").string("detail"))
                .hasValueSatisfying(detail -> assertThat(detail).startsWith("the Idempotency-Key header must be"));
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void apiPriming_whenTheAllowListRefusesItsDag_stopsThere() {
        APIGatewayProxyResponseEvent response = apiHandler("etl_*").primeApiPath();

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(mwaa.airflow().commands()).isEmpty();
    }
}
