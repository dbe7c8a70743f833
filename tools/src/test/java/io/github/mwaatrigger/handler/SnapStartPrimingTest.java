package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Priming runs before the SnapStart snapshot: it must never reach MWAA, so no token or connection is in it. */
class SnapStartPrimingTest {

    @Test
    void primingEveryFunction_makesNoCallToMwaa_evenWithTheVersionLeftToAuto() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            Environment environment = TestEmulator.environment(emulator).with(Settings.AIRFLOW_VERSION, "auto")
                    .with("DAG_ID", "example_dag").with("API_ALLOWED_DAGS", "*");

            new S3UploadHandler(UploadFunctionSettings.from(environment, new Properties()),
                    settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC())
                    .priming().prime();
            new ScheduleHandler(ScheduleFunctionSettings.from(environment, new Properties()),
                    settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC())
                    .priming().prime();
            new ApiHandler(ApiFunctionSettings.from(environment, new Properties()),
                    settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC())
                    .priming().prime();

            assertThat(emulator.cliTokensIssued()).isZero();
            assertThat(emulator.environmentLookups()).isZero();
            assertThat(emulator.receivedCommands()).isEmpty();
            assertThat(emulator.runs()).isEmpty();
        }
    }

    /**
     * The rehearsal runs a whole trigger through the real transport (the SDK's GetEnvironment and
     * CreateCliToken, the CLI endpoint, TLS on both) against its in-process stand-in, and the trigger service
     * reads the stand-in's canned run as created.
     */
    @Test
    void theCallRehearsal_triggersThroughTheRealTransport_againstItsInProcessStandIn() throws Exception {
        TriggerResult result = SnapStartPriming.rehearse("eu-west-1");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.CREATED);
        assertThat(result.run().dagId()).isEqualTo("priming_dag");
        assertThat(result.run().runId()).isEqualTo("priming_run");
    }

    /**
     * With every DAG allowed, the API's priming request passes the DAG id, the allow list and the body, so
     * only its last check keeps it from MWAA: were that check gone, the test above would see a call.
     */
    @Test
    void apiPriming_goesThroughTheAllowListAndTheBody_andStopsJustBeforeTheTrigger() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(
                    TestEmulator.environment(emulator).with("API_ALLOWED_DAGS", "*"), new Properties()),
                    settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());

            APIGatewayProxyResponseEvent response = handler.primeApiPath();

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(Json.parseObject(response.getBody(), "response").string("detail"))
                    .hasValueSatisfying(detail -> assertThat(detail).startsWith("the Idempotency-Key header must be"));
            assertThat(emulator.cliTokensIssued()).isZero();
            assertThat(emulator.receivedCommands()).isEmpty();
        }
    }

    @Test
    void apiPriming_whenTheAllowListRefusesItsDag_stopsThere() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(
                    TestEmulator.environment(emulator).with("API_ALLOWED_DAGS", "etl_*"), new Properties()),
                    settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());

            assertThat(handler.primeApiPath().getStatusCode()).isEqualTo(403);
            assertThat(emulator.cliTokensIssued()).isZero();
            assertThat(emulator.receivedCommands()).isEmpty();
        }
    }
}
