package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowIds;
import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for one DAG run, valid by construction.
 *
 * @param dagId       the DAG to run
 * @param runId       the run id, chosen by the caller so that a repeated request names the same run
 * @param conf        the run's conf, a JSON object of at most {@link #MAX_CONF_BYTES} bytes as sent, nested at
 *                    most {@link #MAX_CONF_DEPTH} deep, whose every number Airflow's Python keeps
 * @param logicalDate the run's logical date, or empty for "now"
 */
public record DagRunRequest(String dagId, String runId, JsonObject conf, Optional<Instant> logicalDate) {

    /** The largest conf accepted, in bytes as it is sent: {@link AirflowDialect#confArgument}. */
    static final int MAX_CONF_BYTES = 64 * 1024;

    /**
     * The deepest conf accepted, the conf object itself counting as 1: as deep as a JSON text read here may
     * be. Airflow's {@code -o json} answer holds it two levels deeper ({@code [{"conf": ...}]}), which is
     * exactly as deep as the reader of command output goes ({@link Json#MAX_LEADING_DEPTH}), so that the
     * answer to every conf accepted here can be read.
     */
    public static final int MAX_CONF_DEPTH = Json.MAX_DEPTH;

    /**
     * @throws InvalidDagRunRequestException if an id is invalid, or the conf too large, too deep, or holding a
     *     number that Airflow's Python would change (see {@link ConfCheck})
     */
    public DagRunRequest {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(logicalDate, "logicalDate");
        try {
            AirflowIds.requireDagId(dagId);
            AirflowIds.requireNewRunId(runId);
        } catch (InvalidAirflowIdException e) {
            throw new InvalidDagRunRequestException(e.getMessage(), e);
        }
        ConfCheck.require(conf);
        int size = AirflowDialect.confArgument(conf).length();
        if (size > MAX_CONF_BYTES) {
            throw new InvalidDagRunRequestException("the conf is " + size + " bytes as sent to Airflow (JSON with "
                    + "every non-ASCII character and ' escaped as \\uXXXX, 6 bytes each); at most " + MAX_CONF_BYTES
                    + " are accepted: pass a reference (such as an S3 key) instead of the data");
        }
    }

    /** A request for a run now. */
    public static DagRunRequest of(String dagId, String runId, JsonObject conf) {
        return new DagRunRequest(dagId, runId, conf, Optional.empty());
    }
}
