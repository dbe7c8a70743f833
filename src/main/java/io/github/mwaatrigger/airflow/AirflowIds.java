package io.github.mwaatrigger.airflow;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Airflow's rules for DAG ids and run ids, checked before anything is sent, so that every id can be put
 * into a CLI command without quoting and can never be read as an option.
 */
public final class AirflowIds {

    /** Airflow's limit for both ids. */
    public static final int MAX_LENGTH = 250;
    private static final Pattern DAG_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    /** Airflow 2.6.3+'s default {@code allowed_run_id_pattern}. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.~:+-]+");
    /** Prefixes from which Airflow derives a run's type; a run id of ours must not pretend to be one. */
    private static final List<String> RESERVED_RUN_ID_PREFIXES =
            List.of("manual__", "scheduled__", "backfill__", "dataset_triggered__", "asset_triggered__");

    private AirflowIds() {
    }

    /**
     * @throws InvalidAirflowIdException unless {@code dagId} is 1-250 of {@code A-Z a-z 0-9 _ . -}, not
     *                                   starting with {@code -}
     */
    public static String requireDagId(String dagId) {
        if (dagId == null || dagId.isEmpty()) {
            throw new InvalidAirflowIdException("the DAG id is empty: give the id of a DAG, such as my_dag");
        }
        if (dagId.length() > MAX_LENGTH || !DAG_ID.matcher(dagId).matches() || dagId.startsWith("-")) {
            throw new InvalidAirflowIdException("'" + printable(dagId) + "' is not a valid DAG id: use at most "
                    + MAX_LENGTH + " letters, digits, '_', '.' or '-', not starting with '-'");
        }
        return dagId;
    }

    /**
     * The rule for the id of a run about to be created: that of {@link #requireRunId}, and not starting
     * with one of Airflow's run-type prefixes such as {@code manual__}, which would make Airflow take the
     * run for one of its own kind.
     *
     * @throws InvalidAirflowIdException if the id breaks the rule
     */
    public static String requireNewRunId(String runId) {
        requireRunId(runId);
        for (String prefix : RESERVED_RUN_ID_PREFIXES) {
            if (runId.startsWith(prefix)) {
                throw new InvalidAirflowIdException("run id '" + runId + "' starts with '" + prefix
                        + "', which Airflow reserves for its own runs: choose another prefix");
            }
        }
        return runId;
    }

    /**
     * The rule for naming any run, Airflow's own ({@code scheduled__2024-...}) included.
     *
     * @throws InvalidAirflowIdException unless {@code runId} is 1-250 of {@code A-Z a-z 0-9 _ . ~ : + -},
     *                                   not starting with {@code -}, and without {@code ..}
     */
    public static String requireRunId(String runId) {
        if (runId == null || runId.isEmpty()) {
            throw new InvalidAirflowIdException("the run id is empty: give a run id such as upload_2024_06_01");
        }
        if (runId.length() > MAX_LENGTH || !RUN_ID.matcher(runId).matches() || runId.startsWith("-")
                || runId.contains("..")) {
            throw new InvalidAirflowIdException("'" + printable(runId) + "' is not a valid run id: use at most "
                    + MAX_LENGTH + " letters, digits, '_', '.', '~', ':', '+' or '-', not starting with '-' "
                    + "and without '..'");
        }
        return runId;
    }

    /** The id as it may be shown in a message: shortened, and with control characters made visible. */
    private static String printable(String id) {
        String shown = id.length() > 80 ? id.substring(0, 80) + "..." : id;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
