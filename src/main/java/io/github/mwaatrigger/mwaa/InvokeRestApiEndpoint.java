package io.github.mwaatrigger.mwaa;

/**
 * MWAA's {@code InvokeRestApi} operation ({@code POST /restapi/{Name}} on the MWAA API): one attempt, no
 * retries; what to retry is the {@link MwaaRestApiClient}'s to decide. A seam so that the client's retries
 * can be tested over scripted exchanges; {@link SdkMwaaControlPlane#restApiEndpoint()} is the real one.
 */
public interface InvokeRestApiEndpoint {

    /** Sends {@code request} once, within {@code attemptDeadline}, and reports what happened. */
    RestApiExchange invoke(RestApiRequest request, Deadline attemptDeadline);
}
