package io.github.mwaatrigger.airflow;

import java.util.Objects;

/**
 * An error that an Airflow CLI command reported, read from its output.
 *
 * @param kind    what went wrong
 * @param message the line that says so, e.g. {@code airflow.exceptions.DagNotFound: Dag id x not found in DagModel}
 */
public record AirflowError(Kind kind, String message) {

    public enum Kind {
        /** {@code DagRunAlreadyExists}: a run with this run id (or, on Airflow 2, this logical date) exists. */
        ALREADY_EXISTS,
        /** The DAG is not known to Airflow. */
        DAG_NOT_FOUND,
        /**
         * The database refused a second run with the same logical date (an {@code IntegrityError} on
         * {@code dag_run}): on the Airflow lines that check duplicates by run id only, this is how two
         * triggers in the same second collide.
         */
        DUPLICATE_LOGICAL_DATE,
        /** Airflow refused a value: a run id outside the allowed pattern, conf that is not valid JSON. */
        INVALID_ARGUMENT,
        /**
         * Airflow's command line did not accept the command itself (an unknown option or subcommand): the
         * command was built for another Airflow version than the environment runs.
         */
        UNSUPPORTED_COMMAND,
        /** Any other traceback or command error. */
        OTHER
    }

    public AirflowError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
