package io.github.mwaatrigger.emulator;

/**
 * Airflow's REST API for DAG runs as the web server of the configured version serves it: the stable API
 * ({@code /api/v1}, connexion and marshmallow) on Airflow 2, the public API ({@code /api/v2}, FastAPI and
 * pydantic) on Airflow 3, over the runs the CLI emulation keeps too.
 */
interface AirflowRestApi {

    /** Answers {@code call} as the web server would, acting as the configured Airflow role. */
    AirflowRestAnswer answer(RestApiCall call);

    static AirflowRestApi of(AirflowSimulation airflow, EmulatorConfig config) {
        return config.airflowVersion().major() >= 3
                ? new AirflowRestApiV2(airflow, config)
                : new AirflowRestApiV1(airflow, config);
    }
}
