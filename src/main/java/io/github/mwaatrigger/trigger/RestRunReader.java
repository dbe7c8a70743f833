package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.airflow.ListedRuns;
import io.github.mwaatrigger.airflow.RestApiDialect;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.AirflowRestApi;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.RestApiReply;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads DAG runs through Airflow's REST API. One run is read at {@code /dags/{dag_id}/dagRuns/{dag_run_id}}
 * when that path fits {@code InvokeRestApi}'s 64 characters; when it does not (a long DAG id with a long
 * run id, such as an upload's), neither Airflow 2 nor 3 can filter a list by run id, so the runs are read
 * newest first, a page at a time, until the run turns up or the list ends.
 */
final class RestRunReader {

    /** Runs per page when a run is looked for in the list: small, so that no answer nears MWAA's 6 MB. */
    static final int SCAN_PAGE_SIZE = 25;

    private final AirflowRestApi api;
    private final RestRefusals refusals;

    RestRunReader(AirflowRestApi api, RestRefusals refusals) {
        this.api = Objects.requireNonNull(api, "api");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /** Whether {@link #byPath} can read this run, its path fitting {@code InvokeRestApi}. */
    static boolean readableByPath(String dagId, String runId) {
        return RestApiRequest.fits(RestApiDialect.runPath(dagId, runId));
    }

    /** The run, read at its own path; {@link #readableByPath} must hold. */
    Optional<DagRun> byPath(RestApiDialect dialect, String dagId, String runId, Deadline deadline) {
        RestApiReply reply = api.call(RestApiRequest.get(RestApiDialect.runPath(dagId, runId), JsonObject.empty()),
                deadline);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw refusals.of(reply, RestRefusals.Action.READ, dialect, dagId);
        }
        return Optional.of(dialect.readRun(reply.body(), dagId).orElseThrow(() -> unreadable(dialect, dagId)));
    }

    /** The run, looked for among the newest {@code pages} pages of the list (all of them, with MAX_VALUE). */
    Optional<DagRun> byScanning(RestApiDialect dialect, String dagId, String runId, int pages, Deadline deadline) {
        for (int page = 0, offset = 0; page < pages; page++, offset += SCAN_PAGE_SIZE) {
            ListedRuns listed = list(dialect, dagId, dialect.pageQuery(SCAN_PAGE_SIZE, offset), deadline);
            Optional<DagRun> found = listed.runs().stream().filter(run -> run.runId().equals(runId)).findFirst();
            if (found.isPresent() || listed.runs().isEmpty() || offset + SCAN_PAGE_SIZE >= listed.totalEntries()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The runs {@code query} selects from the list of {@code dagId}'s runs. */
    ListedRuns list(RestApiDialect dialect, String dagId, JsonObject query, Deadline deadline) {
        RestApiReply reply = api.call(RestApiRequest.get(RestApiDialect.runsPath(dagId), query), deadline);
        if (!reply.isSuccess()) {
            throw refusals.of(reply, RestRefusals.Action.READ, dialect, dagId);
        }
        return dialect.readRuns(reply.body(), dagId).orElseThrow(() -> unreadable(dialect, dagId));
    }

    private static AirflowCommandException unreadable(RestApiDialect dialect, String dagId) {
        return new AirflowCommandException(dialect + " answered a read of the runs of DAG '" + dagId + "' with "
                + "something that is not a DAG run or a list of them", true);
    }
}
