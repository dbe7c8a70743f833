package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.testing.TestEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The MWAA API emulation refuses faults it cannot act out, instead of silently using them up. */
class ControlPlaneFaultsTest {

    @Test
    void aFaultTheControlPlaneCannotActOut_isRefusedAtInjection() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            assertThatThrownBy(() -> emulator.injectControlPlaneFaults(Fault.status(500),
                    new Fault.Delay(Duration.ofMillis(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Delay");
        }
    }

    @Test
    void awsError_isAnsweredWithItsStatusAndErrorType_beforeTheSignatureIsChecked() throws Exception {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            emulator.injectControlPlaneFaults(new Fault.AwsError(400, "ThrottlingException"));

            HttpResponse<String> throttled = postCliToken(emulator);
            HttpResponse<String> next = postCliToken(emulator);

            assertThat(throttled.statusCode()).isEqualTo(400);
            assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).contains("ThrottlingException");
            assertThat(next.statusCode()).as("unsigned, so refused by the signature check").isEqualTo(403);
        }
    }

    @Test
    void awsError_isRefusedByTheWebServer() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            assertThatThrownBy(() -> emulator.injectCliFaults(new Fault.AwsError(400, "ThrottlingException")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("injectControlPlaneFaults");
        }
    }

    @Test
    void clearedFaults_areNotActedOut() throws Exception {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            emulator.injectControlPlaneFaults(new Fault.AwsError(400, "ThrottlingException"));
            emulator.injectCliFaults(Fault.status(503), Fault.status(503));
            int pending = emulator.pendingFaults();

            emulator.clearFaults();

            assertThat(pending).isEqualTo(3);
            assertThat(emulator.pendingFaults()).isZero();
            assertThat(postCliToken(emulator).statusCode()).isEqualTo(403);
        }
    }

    private static HttpResponse<String> postCliToken(MwaaEmulator emulator) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.controlPlaneEndpoint()
                + "/clitoken/" + emulator.config().environmentName())).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
