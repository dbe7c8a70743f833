package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import java.util.List;
import java.util.Objects;

/**
 * One page of a DAG's runs.
 *
 * @param runs          the runs on this page, in the order asked for
 * @param totalEntries  how many runs match the query in all pages
 */
public record DagRunPage(List<DagRun> runs, int totalEntries) {

    public DagRunPage {
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
        if (totalEntries < runs.size()) {
            throw new IllegalArgumentException("totalEntries " + totalEntries + " is less than the page's "
                    + runs.size() + " runs");
        }
    }
}
