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
 */
public record RestApiReply(int status, JsonValue body, boolean earlierAttemptMayHaveRun) {

    public RestApiReply {
        Objects.requireNonNull(body, "body");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
