package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A DAG run the emulated Airflow created, exactly as it was asked for: tests read these back to check
 * which runs a trigger made and with which conf.
 *
 * @param dagId       the DAG
 * @param runId       the run id
 * @param conf        the conf it was created with
 * @param logicalDate its logical date; empty on Airflow 3 when none was given
 * @param runAfter    when it was created (Airflow 3's {@code run_after})
 * @param startsAfter how long it stays queued
 * @param finishesAfter how long after creation it succeeds
 * @param note        the note it was created with (Airflow's REST API takes one)
 * @param triggeredBy how it was made: {@code cli} or {@code rest_api} (Airflow 3's {@code triggered_by})
 */
public record EmulatedRun(String dagId, String runId, JsonObject conf, Optional<Instant> logicalDate,
        Instant runAfter, Duration startsAfter, Duration finishesAfter, Optional<String> note, String triggeredBy) {

    /** How a run made by {@code airflow dags trigger} is marked. */
    public static final String TRIGGERED_BY_CLI = "cli";
    /** How a run made through the REST API is marked. */
    public static final String TRIGGERED_BY_REST_API = "rest_api";

    public EmulatedRun {
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(logicalDate, "logicalDate");
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
    }

    /** A run made by the CLI, without a note. */
    public EmulatedRun(String dagId, String runId, JsonObject conf, Optional<Instant> logicalDate, Instant runAfter,
            Duration startsAfter, Duration finishesAfter) {
        this(dagId, runId, conf, logicalDate, runAfter, startsAfter, finishesAfter, Optional.empty(), TRIGGERED_BY_CLI);
    }

    /** {@code queued}, then {@code running}, then {@code success}, as time passes. */
    public String state(Instant now) {
        if (now.isBefore(runAfter.plus(startsAfter))) {
            return "queued";
        }
        return now.isBefore(runAfter.plus(finishesAfter)) ? "running" : "success";
    }

    /** When it started running, once it has. */
    public Optional<Instant> startDate(Instant now) {
        Instant start = runAfter.plus(startsAfter);
        return now.isBefore(start) ? Optional.empty() : Optional.of(start);
    }

    /** When it finished, once it has. */
    public Optional<Instant> endDate(Instant now) {
        Instant end = runAfter.plus(finishesAfter);
        return now.isBefore(end) ? Optional.empty() : Optional.of(end);
    }

    /** The date Airflow sorts runs by: the logical date, or the creation time when there is none. */
    Instant sortDate() {
        return logicalDate.orElse(runAfter);
    }
}
