package io.github.mwaatrigger.airflow;

/** A DAG id or run id that Airflow would not accept, or that could be read as something else. */
public final class InvalidAirflowIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidAirflowIdException(String message) {
        super(message);
    }
}
