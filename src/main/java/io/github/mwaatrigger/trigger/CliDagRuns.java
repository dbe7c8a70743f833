package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.mwaa.Deadline;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * DAG runs through the Airflow CLI ({@code dags trigger}, {@code dags list-runs}, {@code dags state})
 * behind a CLI token. The CLI cannot page: a list reads the DAG's runs as Airflow prints them, keeping only
 * the page asked for and a count ({@link DagRunQueries#page}).
 */
public final class CliDagRuns implements DagRuns {

    private static final System.Logger LOG = System.getLogger(CliDagRuns.class.getName());

    private final TriggerService triggers;
    private final DagRunQueries queries;

    public CliDagRuns(TriggerService triggers, DagRunQueries queries) {
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * {@inheritDoc}
     *
     * <p>A run that already existed is read back with {@code dags list-runs}, which does not print its conf;
     * the conf is then read with {@code dags state}, so that the answer holds what the answer that made the
     * run held (likewise the state of a run made on Airflow 2.0, whose {@code dags trigger} does not print
     * it). That read is best effort: the run exists either way, and if the read fails the conf stays
     * unknown (and the failure is logged).
     */
    @Override
    public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        TriggerResult result = triggers.trigger(request, deadline);
        if (result.run().conf() != null && result.run().state() != null) {
            return result;
        }
        try {
            return new TriggerResult(queries.withConf(result.run(), deadline), result.outcome());
        } catch (TriggerFailure confUnread) {
            LOG.log(Level.WARNING, "run {0} of {1} exists; its conf could not be read: {2}", request.runId(),
                    request.dagId(), confUnread.getMessage());
            return result;
        }
    }

    @Override
    public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        return queries.run(dagId, runId, deadline);
    }

    @Override
    public DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline) {
        return queries.page(dagId, query, deadline);
    }
}
