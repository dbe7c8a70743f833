package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads the body of a 200 answer from {@code /aws_mwaa/cli}: {@code {"stdout": "<base64>", "stderr": "<base64>"}}. */
final class CliResponseBody {

    private CliResponseBody() {
    }

    /** The decoded output, or empty with nothing more said when the body is not in that shape. */
    static Optional<CliOutput> decode(String body) {
        try {
            JsonObject object = Json.parseObject(body, "the CLI response");
            Optional<String> stdout = decodedMember(object, "stdout");
            Optional<String> stderr = decodedMember(object, "stderr");
            if (stdout.isEmpty() || stderr.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CliOutput(stdout.get(), stderr.get()));
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> decodedMember(JsonObject object, String name) {
        return object.string(name).flatMap(CliResponseBody::base64Text);
    }

    private static Optional<String> base64Text(String encoded) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
