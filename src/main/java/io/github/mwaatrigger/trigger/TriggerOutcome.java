package io.github.mwaatrigger.trigger;

/** Whether a trigger made a new DAG run. */
public enum TriggerOutcome {
    /** Airflow created the run now. */
    CREATED,
    /** A run with this run id already existed (a repeated event or request): nothing new was created. */
    ALREADY_EXISTED
}
