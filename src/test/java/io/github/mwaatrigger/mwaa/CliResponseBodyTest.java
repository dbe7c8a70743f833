package io.github.mwaatrigger.mwaa;

import static io.github.mwaatrigger.mwaa.Exchanges.base64;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliResponseBodyTest {

    @Test
    void stdoutAndStderr_areDecodedFromBase64AsUtf8() {
        String body = "{\"stdout\": \"" + base64("run café ✓\n") + "\", \"stderr\": \"" + base64("a warning") + "\"}";

        assertThat(CliResponseBody.decode(body)).contains(new CliOutput("run café ✓\n", "a warning"));
    }

    @Test
    void emptyOutput_isDecodedAsEmptyTexts() {
        assertThat(CliResponseBody.decode("{\"stdout\": \"\", \"stderr\": \"\"}")).contains(new CliOutput("", ""));
    }

    @Test
    void membersBeyondStdoutAndStderr_areIgnored() {
        String body = "{\"stdout\": \"" + base64("out") + "\", \"stderr\": \"\", \"exit_code\": 0}";

        assertThat(CliResponseBody.decode(body)).contains(new CliOutput("out", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<html><body>Sign in</body></html>",
        "",
        "[]",
        "{\"stdout\": \"b3V0\"}",
        "{\"stderr\": \"\"}",
        "{\"stdout\": 1, \"stderr\": \"\"}",
        "{\"stdout\": \"not base64!\", \"stderr\": \"\"}",
        "{\"stdout\": \"b3V0\", \"stderr\": \"\"} trailing",
    })
    void bodyNotInTheExpectedShape_isNotDecoded(String body) {
        assertThat(CliResponseBody.decode(body)).isEmpty();
    }
}
