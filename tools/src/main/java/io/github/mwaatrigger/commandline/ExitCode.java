package io.github.mwaatrigger.commandline;

/** The exit codes of the command-line tool, which scripts can rely on. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** A permanent failure: an unknown DAG, an invalid request, a command Airflow refused. */
    public static final int FAILED = 1;
    /** Bad usage or configuration. */
    public static final int USAGE = 2;
    /** MWAA stayed unavailable after retries; trying again later may work. */
    public static final int UNAVAILABLE = 3;

    private ExitCode() {
    }
}
