package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowError;
import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import io.github.mwaatrigger.airflow.RunsReply;
import io.github.mwaatrigger.mwaa.AirflowCli;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads DAG runs back from Airflow with {@code dags list-runs}. */
public final class DagRunQueries {

    private final AirflowCli cli;
    private final AirflowDialects dialects;

    public DagRunQueries(AirflowCli cli, AirflowDialects dialects) {
        this.cli = Objects.requireNonNull(cli, "cli");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
    }

    /** The run {@code runId} of {@code dagId}, if it exists. */
    public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        return allRuns(dagId, deadline).stream().filter(run -> run.runId().equals(runId)).findFirst();
    }

    /** All runs of {@code dagId}, newest first. */
    public List<DagRun> allRuns(String dagId, Deadline deadline) {
        requireDagId(dagId);
        AirflowDialect dialect = dialects.dialect(deadline);
        CliOutput output = cli.run(listRunsCommand(dialect, dagId), Idempotency.IDEMPOTENT, deadline).output();
        RunsReply reply = dialect.readRuns(output, dagId);
        if (reply instanceof RunsReply.Listed listed) {
            return listed.runs();
        }
        AirflowError error = ((RunsReply.Refused) reply).error();
        throw switch (error.kind()) {
            case DAG_NOT_FOUND -> new DagNotFoundException(dagNotFound(dagId, error));
            case INVALID_ARGUMENT -> new AirflowRefusedArgumentException("Airflow refused to list the runs of '" + dagId
                    + "': " + error.message());
            case UNSUPPORTED_COMMAND -> new AirflowCommandException("Airflow " + dialect.version() + " did not accept "
                    + "dags list-runs (" + error.message() + "): check that AIRFLOW_VERSION is the environment's version, "
                    + "or set it to auto", false);
            default -> new AirflowCommandException("listing the runs of '" + dagId + "' failed: " + error.message(), true);
        };
    }

    static String dagNotFound(String dagId, AirflowError error) {
        return "DAG '" + dagId + "' was not found in Airflow (" + error.message() + "): check the DAG id and that "
                + "the DAG file is deployed and imports without errors";
    }

    private static CliCommand listRunsCommand(AirflowDialect dialect, String dagId) {
        try {
            return dialect.listRunsCommand(dagId);
        } catch (UnsupportedOperationException e) {
            throw new InvalidDagRunRequestException(e.getMessage(), e);
        }
    }

    /** Checked before anything is asked of MWAA, the Airflow version included. */
    private static void requireDagId(String dagId) {
        try {
            AirflowIds.requireDagId(dagId);
        } catch (InvalidAirflowIdException e) {
            throw new InvalidDagRunRequestException(e.getMessage(), e);
        }
    }
}
