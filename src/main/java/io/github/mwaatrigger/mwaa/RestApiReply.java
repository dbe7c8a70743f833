package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.JsonValue;
import java.util.Objects;

/**
 * What Airflow answered to a REST call that reached it and that retrying cannot change: a success, or a
 * refusal such as 404 or 409 (busy and failing answers are retried by the client, never returned).
 *
 * @param status                   Airflow's HTTP status ({@code RestApiStatusCode})
 * @param body                     Airflow's JSON answer ({@code RestApiResponse}), JSON null if it sent none
 * @param earlierAttemptMayHaveRun whether an earlier attempt of this call may have reached Airflow and done
 *                                 its work, though its answer was lost (so that a 409 can be told apart from
 *                                 our own lost success)
 * @param attempts                 how many times the call was sent, this answer's attempt included
 */
public record RestApiReply(int status, JsonValue body, boolean earlierAttemptMayHaveRun, int attempts) {

    public RestApiReply {
        Objects.requireNonNull(body, "body");
        if (attempts < 1) {
            throw new IllegalArgumentException("an answer took at least one attempt, not " + attempts);
        }
    }

    /** An answer to the first attempt of a call, or to a later one when {@code earlierAttemptMayHaveRun}. */
    public RestApiReply(int status, JsonValue body, boolean earlierAttemptMayHaveRun) {
        this(status, body, earlierAttemptMayHaveRun, 1);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
