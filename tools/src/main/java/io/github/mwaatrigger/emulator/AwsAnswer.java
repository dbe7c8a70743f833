package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer of the MWAA API as AWS's REST-JSON protocol writes it: a status, the error type in
 * {@code x-amzn-ErrorType} for errors, and a body.
 *
 * @param status      the HTTP status
 * @param errorType   the AWS error code, e.g. {@code RestApiClientException}; empty for a success or an error
 *                    that names none
 * @param contentType the body's media type
 * @param body        the body
 */
record AwsAnswer(int status, Optional<String> errorType, String contentType, String body) {

    private static final JsonWriter JSON = JsonWriter.compact();

    AwsAnswer {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** 200 with {@code body}. */
    static AwsAnswer ok(JsonObject body) {
        return new AwsAnswer(200, Optional.empty(), "application/json", JSON.write(body));
    }

    /** An error with a {@code message}, as AWS writes its common and modelled errors. */
    static AwsAnswer error(int status, String type, String message) {
        return new AwsAnswer(status, Optional.of(type), "application/json",
                JSON.write(JsonObject.builder().put("message", message).build()));
    }

    /** A modelled error whose members are {@code members} (and no message). */
    static AwsAnswer error(int status, String type, JsonObject members) {
        return new AwsAnswer(status, Optional.of(type), "application/json", JSON.write(members));
    }

    /** An error that is not AWS's JSON at all: a plain-text body and no error type. */
    static AwsAnswer plainText(int status, String text) {
        return new AwsAnswer(status, Optional.empty(), "text/plain", text);
    }
}
