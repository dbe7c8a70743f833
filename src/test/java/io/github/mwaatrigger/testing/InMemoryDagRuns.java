package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.trigger.DagNotFoundException;
import io.github.mwaatrigger.trigger.DagRunConflictException;
import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunPage;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.DagRunState;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * DAG runs as a transport that knows everything about them, the way Airflow's REST API does, in memory:
 * it stands in for the REST transport in tests of what sits above {@link DagRuns}. Every run has its conf,
 * run type, external trigger flag and dates; a list query is answered in full (every filter, every
 * {@code order_by} field Airflow sorts by), and the last query is kept, as a REST transport would pass it
 * on. Thread-safe.
 */
public final class InMemoryDagRuns implements DagRuns {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    /** A run and what only the server knows about it. */
    private record Stored(DagRun run, long id, Instant updatedAt) {
    }

    private final Clock clock;
    private final Set<String> dags;
    private final List<Stored> runs = new ArrayList<>();
    private DagRunListQuery lastQuery;

    public InMemoryDagRuns(Clock clock, String... dags) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dags = Set.of(dags);
    }

    /** The last list query received, as a REST transport would map it to Airflow's query parameters. */
    public synchronized Optional<DagRunListQuery> lastQuery() {
        return Optional.ofNullable(lastQuery);
    }

    /** Moves a run on to {@code state}, with its start and end dates, as Airflow's scheduler would. */
    public synchronized void progress(String dagId, String runId, DagRunState state, Instant start, Instant end) {
        for (int i = 0; i < runs.size(); i++) {
            DagRun run = runs.get(i).run();
            if (run.dagId().equals(dagId) && run.runId().equals(runId)) {
                runs.set(i, new Stored(new DagRun(dagId, runId, state.value(), run.logicalDate(), text(start),
                        text(end), run.conf(), run.runType(), run.externalTrigger()), runs.get(i).id(), clock.instant()));
                return;
            }
        }
        throw new IllegalArgumentException("no run " + runId);
    }

    @Override
    public synchronized TriggerResult trigger(DagRunRequest request, Deadline deadline) {
        requireDag(request.dagId());
        Optional<DagRun> existing = find(request.dagId(), request.runId());
        if (existing.isPresent()) {
            return new TriggerResult(existing.get(), TriggerOutcome.ALREADY_EXISTED);
        }
        Instant logicalDate = request.logicalDate().orElse(clock.instant()).truncatedTo(ChronoUnit.MICROS);
        if (runs.stream().anyMatch(stored -> stored.run().dagId().equals(request.dagId())
                && text(logicalDate).equals(stored.run().logicalDate()))) {
            throw new DagRunConflictException("DAG '" + request.dagId() + "' already has a run at " + logicalDate);
        }
        DagRun run = new DagRun(request.dagId(), request.runId(), "queued", text(logicalDate), null, null,
                request.conf(), "manual", true);
        runs.add(new Stored(run, runs.size() + 1, clock.instant()));
        return new TriggerResult(run, TriggerOutcome.CREATED);
    }

    @Override
    public synchronized Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
        requireDag(dagId);
        return find(dagId, runId);
    }

    @Override
    public synchronized DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline) {
        requireDag(dagId);
        lastQuery = query;
        List<Stored> matching = runs.stream().filter(stored -> stored.run().dagId().equals(dagId))
                .filter(stored -> query.state().isEmpty()
                        || query.state().stream().anyMatch(state -> state.value().equals(stored.run().state())))
                .filter(stored -> within(instant(stored.run().logicalDate()), query.executionDateGte(),
                        query.executionDateLte()))
                .filter(stored -> within(instant(stored.run().startDate()), query.startDateGte(), query.startDateLte()))
                .filter(stored -> within(instant(stored.run().endDate()), query.endDateGte(), query.endDateLte()))
                .filter(stored -> within(stored.updatedAt(), query.updatedAtGte(), query.updatedAtLte()))
                .sorted(order(query)).toList();
        return new DagRunPage(matching.stream().skip(query.offset()).limit(query.limit()).map(Stored::run).toList(),
                matching.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Stored> order(DagRunListQuery query) {
        Map<String, Function<Stored, Comparable>> keys = Map.of(
                "id", Stored::id,
                "state", stored -> stored.run().state(),
                "dag_id", stored -> stored.run().dagId(),
                "execution_date", stored -> instant(stored.run().logicalDate()),
                "dag_run_id", stored -> stored.run().runId(),
                "start_date", stored -> instant(stored.run().startDate()),
                "end_date", stored -> instant(stored.run().endDate()),
                "updated_at", Stored::updatedAt,
                "external_trigger", stored -> stored.run().externalTrigger(),
                "conf", stored -> String.valueOf(stored.run().conf()));
        Comparator<Stored> ascending = Comparator.comparing(keys.get(query.orderBy().field()),
                Comparator.nullsLast(Comparator.naturalOrder()));
        return query.orderBy().descending() ? ascending.reversed() : ascending;
    }

    private Optional<DagRun> find(String dagId, String runId) {
        return runs.stream().map(Stored::run)
                .filter(run -> run.dagId().equals(dagId) && run.runId().equals(runId)).findFirst();
    }

    private void requireDag(String dagId) {
        if (!dags.contains(dagId)) {
            throw new DagNotFoundException("DAG '" + dagId + "' was not found");
        }
    }

    private static boolean within(Instant instant, Optional<Instant> from, Optional<Instant> until) {
        if (from.isEmpty() && until.isEmpty()) {
            return true;
        }
        return instant != null && from.map(f -> !instant.isBefore(f)).orElse(true)
                && until.map(u -> !instant.isAfter(u)).orElse(true);
    }

    private static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static String text(Instant instant) {
        return instant == null ? null : ISO.format(instant.atOffset(ZoneOffset.UTC));
    }
}
