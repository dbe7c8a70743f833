package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.JsonValue;

/**
 * What one {@code InvokeRestApi} attempt came to, as the {@link MwaaRestApiClient} needs to tell it apart:
 * Airflow's answer, MWAA throttling or failing, MWAA refusing the call, or the connection failing before or
 * after the request was sent. Never carries credentials.
 */
public sealed interface RestApiExchange {

    /**
     * Airflow answered, successfully ({@code RestApiStatusCode} 2xx) or not (MWAA's
     * {@code RestApiClientException} or {@code RestApiServerException}, which carry Airflow's status).
     */
    record Answered(int status, JsonValue body) implements RestApiExchange {
    }

    /** MWAA throttled the call ({@code ThrottlingException}); it did not reach Airflow. */
    record Throttled(String detail) implements RestApiExchange {
    }

    /** MWAA failed ({@code InternalServerException}, 5xx); Airflow may have done the work. */
    record MwaaFailed(int awsStatus, String errorCode) implements RestApiExchange {
    }

    /** Why MWAA refused a call itself. */
    enum Refusal {
        /** {@code AccessDeniedException} or another 401/403: the caller may not invoke the REST API as needed. */
        ACCESS_DENIED,
        /** {@code ResourceNotFoundException}: no such environment. */
        ENVIRONMENT_NOT_FOUND,
        /** {@code ValidationException}: MWAA refused the request's form. */
        INVALID,
        /** The SDK could not sign or send the request (no credentials, say). */
        NOT_SENDABLE,
        /** Any other client error of MWAA's. */
        OTHER
    }

    /** MWAA refused the call; sending it again will not help. */
    record Refused(Refusal refusal, int awsStatus, String errorCode, String message) implements RestApiExchange {
    }

    /** The connection could not be made: the request did not reach MWAA. */
    record NotSent(String cause) implements RestApiExchange {
    }

    /**
     * The attempt failed after the request may have been sent: a dropped connection, a time-out, an answer
     * that could not be read. Airflow may have done the work.
     */
    record Lost(String cause, boolean timedOut) implements RestApiExchange {
    }
}
