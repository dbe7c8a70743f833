package io.github.mwaatrigger.mwaa;

/** The MWAA API (the AWS control plane): where CLI tokens and environment facts come from. */
public interface MwaaControlPlane {

    /**
     * Calls {@code CreateCliToken} for the configured environment.
     *
     * @throws MwaaUnavailableException   when the API is throttling or failing
     * @throws MwaaConfigurationException when the environment is unknown or the call is not allowed
     */
    CliToken createCliToken(Deadline deadline);

    /**
     * Calls {@code GetEnvironment} and returns the environment's Airflow version, e.g. {@code 2.10.3}.
     *
     * @throws MwaaUnavailableException   when the API is throttling or failing
     * @throws MwaaConfigurationException when the environment is unknown or the call is not allowed
     */
    String airflowVersion(Deadline deadline);

    /**
     * Does the set-up that needs no network (building clients), so that the first call does not have to:
     * for a function's initialization, SnapStart priming, or a second thread of a one-shot command.
     */
    default void prepare() {
    }
}
