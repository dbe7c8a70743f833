package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowDialects;
import io.github.mwaatrigger.airflow.AirflowError;
import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.DagStateReply;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import io.github.mwaatrigger.airflow.ListRunsFilter;
import io.github.mwaatrigger.airflow.RunsReply;
import io.github.mwaatrigger.mwaa.AirflowCli;
import io.github.mwaatrigger.mwaa.CliAnswerTooLargeException;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads DAG runs back from Airflow: {@code dags list-runs} for the runs, {@code dags state} for one run's
 * conf. The answer of {@code dags list-runs} is read run by run, and only what is asked for is kept (a
 * page and a count, or one run), so that the memory a read takes does not grow with the DAG's history.
 */
public final class DagRunQueries {

    /**
     * Where to go when a DAG's history is too long for the CLI: the transport that pages in Airflow, by the
     * setting users type.
     */
    static final String REST_TRANSPORT = "set MWAA_TRANSPORT=rest (the template's Transport=rest): the REST "
            + "transport pages in Airflow";

    private final AirflowCli cli;
    private final AirflowDialects dialects;

    public DagRunQueries(AirflowCli cli, AirflowDialects dialects) {
        this.cli = Objects.requireNonNull(cli, "cli");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
    }

    /**
     * One page of the runs of {@code dagId} that {@code query} asks for, with how many match.
     *
     * @throws UnanswerableQueryException if the CLI cannot answer a parameter of the query
     * @throws TooManyRunsException       if the DAG has more runs (that match the part of the query Airflow
     *                                    filters) than the CLI can list in one answer
     */
    public DagRunPage page(String dagId, DagRunListQuery query, Deadline deadline) {
        requireDagId(dagId);
        CliListQuery cliQuery = CliListQuery.of(query);
        AirflowDialect dialect = dialects.dialect(deadline);
        PageCollector page = new PageCollector(cliQuery.order(),
                cliQuery.isNewestFirst() && dialect.listsRunsByLogicalDateNewestFirst(), query.offset(), query.limit());
        forEachRun(dialect, dagId, cliQuery.filter(), deadline, run -> {
            if (cliQuery.matches(run)) {
                page.accept(run);
            }
        }, () -> "DAG '" + dagId + "' has more runs than the Airflow CLI can list in one answer: narrow the list with "
                + "execution_date_gte and execution_date_lte (or a single state), or " + REST_TRANSPORT);
        return new DagRunPage(page.page(), (int) Math.min(Integer.MAX_VALUE, page.count()));
    }

    /** The run {@code runId} of {@code dagId} as {@code dags list-runs} reports it (without its conf), if it exists. */
    public Optional<DagRun> find(String dagId, String runId, Deadline deadline) {
        return find(dagId, runId, ListRunsFilter.none(), deadline);
    }

    /**
     * The run {@code runId} of {@code dagId} among the runs {@code filter} lets through, as
     * {@code dags list-runs} reports it (without its conf), if it is there.
     */
    public Optional<DagRun> find(String dagId, String runId, ListRunsFilter filter, Deadline deadline) {
        return find(dagId, runId, filter, run -> { }, deadline);
    }

    /**
     * The run {@code runId} of {@code dagId} as {@code dags list-runs} reports it (without its conf), if it exists;
     * every run listed on the way, ours included, is shown to {@code listed}.
     */
    public Optional<DagRun> find(String dagId, String runId, Consumer<DagRun> listed, Deadline deadline) {
        return find(dagId, runId, ListRunsFilter.none(), listed, deadline);
    }

    private Optional<DagRun> find(String dagId, String runId, ListRunsFilter filter, Consumer<DagRun> listed,
            Deadline deadline) {
        requireDagId(dagId);
        AirflowDialect dialect = dialects.dialect(deadline);
        AtomicReference<DagRun> found = new AtomicReference<>();
        forEachRun(dialect, dagId, filter, deadline, run -> {
            listed.accept(run);
            if (run.runId().equals(runId)) {
                found.set(run);
            }
        }, () -> "DAG '" + dagId + "' has more runs than the Airflow CLI can list in one answer, so run '" + runId
                + "' cannot be looked up through it: delete old runs (on MWAA, with a database clean-up DAG), or "
                + REST_TRANSPORT);
        return Optional.ofNullable(found.get());
    }

    /** The run {@code runId} of {@code dagId} with its conf, if it exists. */
    public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        return find(dagId, runId, deadline).map(run -> withConf(run, deadline));
    }

    /**
     * {@code run} with its conf as {@code dags state} prints it (Airflow 2.0+), and its state as of now;
     * {@code run} as it is where the conf cannot be read this way (Airflow 1.10) or the run is gone.
     */
    public DagRun withConf(DagRun run, Deadline deadline) {
        AirflowDialect dialect = dialects.dialect(deadline);
        Optional<CliCommand> command = dialect.dagStateCommand(run);
        if (command.isEmpty()) {
            return run;
        }
        CliOutput output = cli.run(command.get(), Idempotency.IDEMPOTENT, deadline).output();
        DagStateReply reply = dialect.readDagState(output);
        if (reply instanceof DagStateReply.Found found) {
            return new DagRun(run.dagId(), run.runId(), found.state(), run.logicalDate(), run.startDate(),
                    run.endDate(), found.conf(), run.runType(), run.externalTrigger());
        }
        if (reply instanceof DagStateReply.NoRun) {
            return run;
        }
        throw failure(dialect, run.dagId(), ((DagStateReply.Refused) reply).error(), "dags state");
    }

    private void forEachRun(AirflowDialect dialect, String dagId, ListRunsFilter filter, Deadline deadline,
            Consumer<DagRun> each, Supplier<String> tooMany) {
        CliOutput output;
        try {
            output = cli.run(listRunsCommand(dialect, dagId, filter), Idempotency.IDEMPOTENT, deadline).output();
        } catch (CliAnswerTooLargeException e) {
            throw new TooManyRunsException(tooMany.get(), e);
        }
        RunsReply reply = dialect.readRuns(output, dagId, each);
        if (reply instanceof RunsReply.Refused refused) {
            throw failure(dialect, dagId, refused.error(), "dags list-runs");
        }
    }

    private static RuntimeException failure(AirflowDialect dialect, String dagId, AirflowError error, String command) {
        return switch (error.kind()) {
            case DAG_NOT_FOUND -> new DagNotFoundException(dagNotFound(dagId, error));
            case INVALID_ARGUMENT -> new AirflowRefusedArgumentException("Airflow refused to read the runs of '" + dagId
                    + "': " + error.message());
            case UNSUPPORTED_COMMAND -> new AirflowCommandException("Airflow " + dialect.version() + " did not accept "
                    + command + " (" + error.message() + "): check that AIRFLOW_VERSION is the environment's version, "
                    + "or set it to auto", false);
            default -> new AirflowCommandException("reading the runs of '" + dagId + "' with " + command + " failed: "
                    + error.message(), true);
        };
    }

    static String dagNotFound(String dagId, AirflowError error) {
        return "DAG '" + dagId + "' was not found in Airflow (" + error.message() + "): check the DAG id and that "
                + "the DAG file is deployed and imports without errors";
    }

    private static CliCommand listRunsCommand(AirflowDialect dialect, String dagId, ListRunsFilter filter) {
        try {
            return dialect.listRunsCommand(dagId, filter);
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
