package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.mwaa.Deadline;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DAG runs through the Airflow CLI ({@code dags trigger}, {@code dags list-runs}) behind a CLI token.
 * The CLI cannot page: a list reads the DAG's runs and pages them here.
 */
public final class CliDagRuns implements DagRuns {

    private final TriggerService triggers;
    private final DagRunQueries queries;

    public CliDagRuns(TriggerService triggers, DagRunQueries queries) {
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @Override
    public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        return triggers.trigger(request, deadline);
    }

    @Override
    public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        return queries.run(dagId, runId, deadline);
    }

    @Override
    public DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline) {
        List<DagRun> all = queries.allRuns(dagId, deadline);
        List<DagRun> page = all.stream().skip(query.offset()).limit(query.limit()).toList();
        return new DagRunPage(page, all.size());
    }
}
