package io.github.mwaatrigger.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What one case came to on one entry point.
 *
 * @param caseName   the case
 * @param entry      the entry point
 * @param events     events sent
 * @param created    events with a DAG run at the end
 * @param lost       events without a run although their sender was told of success, or of a failure nobody
 *                   retries
 * @param duplicated runs beyond one per event, and runs no event started
 * @param outcome    what the senders saw, then what the reruns saw
 * @param time       from deploying the entry point to the last rerun
 */
record CaseResult(String caseName, String entry, int events, int created, int lost, int duplicated, String outcome,
        Duration time) {

    static final String HEADER = "| case | entry point | events | created | lost | duplicated | outcome | time |\n"
            + "|---|---|---|---|---|---|---|---|";

    CaseResult {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
    }

    /** This result, with {@code note} after its outcome. */
    CaseResult noting(String note) {
        return new CaseResult(caseName, entry, events, created, lost, duplicated, outcome + " (" + note + ")", time);
    }

    /** One row of the report's table. */
    String row() {
        return "| " + caseName + " | " + entry + " | " + events + " | " + created + " | " + lost + " | " + duplicated
                + " | " + outcome + " | " + seconds(time) + " |";
    }

    static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.2f s", time.toMillis() / 1000.0);
    }
}
