package io.github.mwaatrigger.commandline;

/** The exit codes of the command-line tool, which scripts can rely on. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** A permanent failure Airflow reported: an unknown DAG, a taken logical date, a run id it refused. */
    public static final int FAILED = 1;
    /**
     * Bad usage, request or configuration: an invalid option or conf, a missing setting, an unknown
     * environment, missing credentials or permissions, a wrong region, version or endpoint, a certificate
     * that is not trusted. Retrying will not help until it is fixed.
     */
    public static final int USAGE = 2;
    /**
     * A failure that trying again later can cure: MWAA stayed busy or failing until the deadline, runs kept
     * colliding, or Airflow failed in a way it may not next time (the run id makes a retry safe).
     */
    public static final int UNAVAILABLE = 3;

    private ExitCode() {
    }
}
