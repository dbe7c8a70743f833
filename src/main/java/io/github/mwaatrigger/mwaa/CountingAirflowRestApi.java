package io.github.mwaatrigger.mwaa;

import java.util.Objects;

/**
 * An {@link AirflowRestApi} that counts the attempts the calls of each thread make, as {@link CountingAirflowCli}
 * does for the CLI: the attempts a reply reports (retries included), those after which MWAA stayed unavailable,
 * and one for a call MWAA refused.
 */
public final class CountingAirflowRestApi implements AirflowRestApi, AttemptCounter {

    private final AirflowRestApi restApi;
    private final ThreadAttempts attempts = new ThreadAttempts();

    public CountingAirflowRestApi(AirflowRestApi restApi) {
        this.restApi = Objects.requireNonNull(restApi, "restApi");
    }

    @Override
    public RestApiReply call(RestApiRequest request, Deadline deadline) {
        try {
            RestApiReply reply = restApi.call(request, deadline);
            attempts.add(reply.attempts());
            return reply;
        } catch (MwaaUnavailableException e) {
            attempts.add(e.attempts());
            throw e;
        } catch (MwaaRejectedException | MwaaConfigurationException e) {
            attempts.add(1);
            throw e;
        }
    }

    @Override
    public long attemptsOnThisThread() {
        return attempts.attemptsOnThisThread();
    }
}
