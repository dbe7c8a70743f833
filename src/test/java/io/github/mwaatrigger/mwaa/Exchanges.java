package io.github.mwaatrigger.mwaa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** What a CLI endpoint can answer, built the way the web server and the HTTPS endpoint make them. */
final class Exchanges {

    private Exchanges() {
    }

    /** A 200 whose body carries {@code stdout} and {@code stderr} in base64, as MWAA sends them. */
    static CliExchange ok(String stdout, String stderr) {
        return answered(200, "{\"stdout\": \"" + base64(stdout) + "\", \"stderr\": \"" + base64(stderr) + "\"}");
    }

    static CliExchange answered(int status, String body) {
        return new CliExchange.Answered(status, body, Optional.empty());
    }

    static CliExchange status(int status) {
        return answered(status, "");
    }

    /** A 429 with a {@code Retry-After} hint. */
    static CliExchange tooManyRequestsRetryAfter(Duration hint) {
        return new CliExchange.Answered(429, "", Optional.of(hint));
    }

    static CliExchange lost(IOException cause) {
        return new CliExchange.Lost(cause);
    }

    static CliExchange notSent(IOException cause) {
        return new CliExchange.NotSent(cause);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
