package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Airflow behind the emulated web server: its DAGs, its runs, and Airflow's rules for creating a run,
 * version by version, including the ones that trip clients up:
 *
 * <ul>
 *   <li>1.10, 2.0-2.1 and 3.x find duplicates by run id only, and a second run at the same logical date
 *       then fails on the database's unique constraint;</li>
 *   <li>2.2-2.x find duplicates by run id <em>or</em> logical date, and name the requested run id in the
 *       error either way;</li>
 *   <li>before 3.0 a trigger without a logical date takes "now" with the microseconds zeroed unless
 *       {@code --no-replace-microseconds} is given, so two triggers in one second collide;</li>
 *   <li>from 2.6.3 run ids must match {@code ^[A-Za-z0-9_.~:+-]+$} (checked after the duplicate check).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class AirflowSimulation {

    static final Pattern ALLOWED_RUN_ID = Pattern.compile("^[A-Za-z0-9_.~:+-]+$");

    /** What a trigger did. */
    sealed interface Trigger {
        record Created(EmulatedRun run) implements Trigger {
        }

        /**
         * A run with this run id exists, or (2.2+) one at this logical date; {@code byLogicalDate} says whether
         * a run holds the requested logical date.
         */
        record AlreadyExists(Instant requestedDate, String requestedRunId, boolean byLogicalDate) implements Trigger {
        }

        /** The database refused a second run at the same logical date. */
        record UniqueViolation(Instant logicalDate) implements Trigger {
        }

        record DagNotFound() implements Trigger {
        }

        record InvalidRunId(String runId) implements Trigger {
        }
    }

    private final AirflowVersion version;
    private final Clock clock;
    private final EmulatorConfig config;
    private final Set<String> dags;
    private final Map<String, List<EmulatedRun>> runsByDag = new LinkedHashMap<>();
    private final Instant dagsParsedAt;

    AirflowSimulation(EmulatorConfig config) {
        this.config = config;
        this.version = config.airflowVersion();
        this.clock = config.clock();
        this.dags = new HashSet<>(config.dags());
        this.dagsParsedAt = clock.instant();
    }

    /** When the DAGs were parsed: when the emulator started (Airflow 3's DAG versions date from it). */
    Instant dagsParsedAt() {
        return dagsParsedAt;
    }

    synchronized boolean hasDag(String dagId) {
        return dags.contains(dagId);
    }

    synchronized List<String> dagIds() {
        return dags.stream().sorted().toList();
    }

    synchronized void addDag(String dagId) {
        dags.add(dagId);
    }

    /**
     * {@code airflow dags trigger}: creates a run unless Airflow's rules refuse it.
     *
     * @param runId               the requested run id, or null for Airflow's {@code manual__<date>}
     * @param logicalDate         the requested logical date, or null for "now" (none at all on Airflow 3)
     * @param replaceMicroseconds false with {@code --no-replace-microseconds}
     */
    synchronized Trigger trigger(String dagId, String runId, JsonObject conf, Instant logicalDate,
            boolean replaceMicroseconds) {
        return trigger(dagId, runId, conf, logicalDate, replaceMicroseconds, null, EmulatedRun.TRIGGERED_BY_CLI);
    }

    /**
     * Creates a run as {@link #trigger(String, String, JsonObject, Instant, boolean)} does, with a note and a
     * record of how it was made; the REST API's trigger, which shares the runs (and their uniqueness) with the CLI.
     *
     * @param note        the run's note, or null
     * @param triggeredBy {@link EmulatedRun#TRIGGERED_BY_CLI} or {@link EmulatedRun#TRIGGERED_BY_REST_API}
     */
    synchronized Trigger trigger(String dagId, String runId, JsonObject conf, Instant logicalDate,
            boolean replaceMicroseconds, String note, String triggeredBy) {
        if (!dags.contains(dagId)) {
            return new Trigger.DagNotFound();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> date = logicalDate(logicalDate, now, replaceMicroseconds);
        String id = runId != null ? runId : "manual__" + AirflowTexts.isoformat(date.orElse(now));
        List<EmulatedRun> runs = runsByDag.computeIfAbsent(dagId, key -> new ArrayList<>());
        boolean byDateToo = version.major() == 2 && version.isAtLeast(2, 2, 0);
        for (EmulatedRun run : runs) {
            boolean sameDate = date.isPresent() && date.equals(run.logicalDate());
            if (run.runId().equals(id) || (byDateToo && sameDate)) {
                boolean byLogicalDate = date.isPresent()
                        && runs.stream().anyMatch(other -> date.equals(other.logicalDate()));
                return new Trigger.AlreadyExists(date.orElse(now), id, byLogicalDate);
            }
        }
        if (date.isPresent() && runs.stream().anyMatch(run -> date.equals(run.logicalDate()))) {
            return new Trigger.UniqueViolation(date.get());
        }
        if (version.isAtLeast(2, 6, 3) && !ALLOWED_RUN_ID.matcher(id).matches()) {
            return new Trigger.InvalidRunId(id);
        }
        EmulatedRun run = new EmulatedRun(dagId, id, conf, date, now, config.runStartsAfter(),
                config.runFinishesAfter(), Optional.ofNullable(note), triggeredBy);
        runs.add(run);
        return new Trigger.Created(run);
    }

    /**
     * Gives {@code dagId} a history of {@code count} finished runs, as Airflow's scheduler would have made
     * them: {@code scheduled__<logical date>}, the newest at {@code newest}, each {@code spacing} before the
     * next, with an empty conf.
     */
    synchronized void seedRuns(String dagId, int count, Instant newest, Duration spacing) {
        dags.add(dagId);
        List<EmulatedRun> runs = runsByDag.computeIfAbsent(dagId, key -> new ArrayList<>());
        for (int i = count - 1; i >= 0; i--) {
            Instant date = newest.minus(spacing.multipliedBy(i)).truncatedTo(ChronoUnit.MICROS);
            runs.add(new EmulatedRun(dagId, "scheduled__" + AirflowTexts.isoformat(date), JsonObject.empty(),
                    Optional.of(date), date, config.runStartsAfter(), config.runFinishesAfter()));
        }
    }

    /** The runs of {@code dagId}, newest first, as {@code dags list-runs} sorts them. */
    synchronized List<EmulatedRun> runs(String dagId) {
        return runsByDag.getOrDefault(dagId, List.of()).stream()
                .sorted(Comparator.comparing(EmulatedRun::sortDate).reversed())
                .toList();
    }

    /** The run {@code runId} of {@code dagId}, if there is one. */
    synchronized Optional<EmulatedRun> run(String dagId, String runId) {
        return runsByDag.getOrDefault(dagId, List.of()).stream().filter(run -> run.runId().equals(runId)).findFirst();
    }

    /** The runs of {@code dagId} (every DAG's for {@code ~}) in the order they were created: Airflow's {@code id}. */
    synchronized List<EmulatedRun> runsInCreationOrder(String dagId) {
        List<EmulatedRun> runs = dagId.equals("~") ? allRuns() : List.copyOf(runsByDag.getOrDefault(dagId, List.of()));
        return runs;
    }

    /** Every run, in the order they were created. */
    synchronized List<EmulatedRun> allRuns() {
        return runsByDag.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(EmulatedRun::runAfter)).toList();
    }

    Instant now() {
        return clock.instant();
    }

    private Optional<Instant> logicalDate(Instant requested, Instant now, boolean replaceMicroseconds) {
        if (requested == null && version.major() >= 3) {
            return Optional.empty();
        }
        Instant date = requested != null ? requested.truncatedTo(ChronoUnit.MICROS) : now;
        return Optional.of(replaceMicroseconds ? date.truncatedTo(ChronoUnit.SECONDS) : date);
    }
}
