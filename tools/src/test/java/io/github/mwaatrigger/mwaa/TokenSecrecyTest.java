package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.Fault;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.CapturedLogs;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.trigger.DagRunRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CLI token is an admin credential: it must not reach a log line, an exception or a toString(). */
class TokenSecrecyTest {

    @Test
    void noIssuedToken_appearsInAnythingLoggedOrThrown() {
        List<Throwable> thrown = new ArrayList<>();
        String logged;
        List<String> tokens;
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
                CapturedLogs logs = CapturedLogs.start()) {
            MwaaServices services = TestEmulator.services(emulator);
            emulator.injectCliFaults(new Fault.EchoHeaders(502), Fault.status(503), new Fault.DropConnection(),
                    new Fault.MalformedBody(), new Fault.RejectToken(), new Fault.LoseAnswer());
            services.dagRuns().trigger(DagRunRequest.of("example_dag", "r1", JsonObject.empty()), deadline());
            emulator.injectCliFaults(new Fault.EchoHeaders(400));
            thrown.add(catchThrowable(() -> ((MwaaCliClient) services.cli()).execute("dags list", Idempotency.IDEMPOTENT, deadline())));
            emulator.injectCliFaults(new Fault.EchoHeaders(500));
            thrown.add(catchThrowable(() -> ((MwaaCliClient) services.cli()).execute("dags list", Idempotency.NOT_IDEMPOTENT, deadline())));
            emulator.injectCliFaults(new Fault.RejectToken(), new Fault.RejectToken());
            thrown.add(catchThrowable(() -> ((MwaaCliClient) services.cli()).execute("dags list", Idempotency.IDEMPOTENT, deadline())));
            logged = logs.text();
            tokens = emulator.issuedTokens();
        }

        assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
        assertThat(thrown).doesNotContainNull();
        assertThat(thrown).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m).contains("<redacted>"));
        assertThat(logged).contains("retrying");
        for (String token : tokens) {
            assertThat(logged).doesNotContain(token);
            for (Throwable failure : thrown) {
                assertThat(stackTrace(failure)).doesNotContain(token);
            }
        }
    }

    @Test
    void cliToken_toStringHidesTheToken() {
        CliToken token = new CliToken("secret-token-value", "host.example.com", Instant.EPOCH);

        assertThat(token.toString()).doesNotContain("secret-token-value").contains("host.example.com");
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(20));
    }
}
