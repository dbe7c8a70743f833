package io.github.mwaatrigger.airflow;

import java.util.List;

/**
 * One page of a DAG's runs as Airflow's REST API listed them.
 *
 * @param runs         the runs on the page, in Airflow's order
 * @param totalEntries how many runs match in all pages
 */
public record ListedRuns(List<DagRun> runs, int totalEntries) {

    public ListedRuns {
        runs = List.copyOf(runs);
    }
}
