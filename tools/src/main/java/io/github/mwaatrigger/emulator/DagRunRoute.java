package io.github.mwaatrigger.emulator;

import java.util.List;

/** Which of the DAG-run routes a REST path names, if any. */
sealed interface DagRunRoute {

    /** {@code /dags/{dag_id}/dagRuns}: list (GET) and trigger (POST). */
    record Collection(String dagId) implements DagRunRoute {
    }

    /** {@code /dags/{dag_id}/dagRuns/{dag_run_id}}: one run. */
    record Run(String dagId, String runId) implements DagRunRoute {
    }

    /** Any other path. */
    record Other() implements DagRunRoute {
    }

    static DagRunRoute of(RestApiCall call) {
        List<String> segments = call.segments();
        boolean underDagRuns = segments.size() >= 3 && segments.get(0).equals("dags") && !segments.get(1).isEmpty()
                && segments.get(2).equals("dagRuns");
        if (underDagRuns && segments.size() == 3) {
            return new Collection(segments.get(1));
        }
        if (underDagRuns && segments.size() == 4 && !segments.get(3).isEmpty()) {
            return new Run(segments.get(1), segments.get(3));
        }
        return new Other();
    }
}
