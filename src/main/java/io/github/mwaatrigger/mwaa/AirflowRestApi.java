package io.github.mwaatrigger.mwaa;

/**
 * Airflow's REST API of one MWAA environment, reached through MWAA's {@code InvokeRestApi}: the transport
 * the REST flavour of the DAG-run service works through. {@link MwaaRestApiClient} is the real one; the
 * functions' tests use an in-memory Airflow.
 */
public interface AirflowRestApi {

    /**
     * Sends {@code request} and returns Airflow's answer: a success, or a refusal that sending it again would
     * not change (400, 401, 403, 404, 409, 422 and other client errors are Airflow's to interpret by the
     * caller, who knows what the call meant).
     *
     * @throws MwaaUnavailableException   when MWAA or Airflow stayed busy or failing (throttling, 429, 5xx,
     *                                    dropped connections, time-outs) until the deadline
     * @throws MwaaConfigurationException when MWAA refuses the call itself: no {@code airflow:InvokeRestApi}
     *                                    grant, an unknown environment, no credentials
     * @throws MwaaRejectedException      when MWAA refuses the request as invalid
     */
    RestApiReply call(RestApiRequest request, Deadline deadline);
}
