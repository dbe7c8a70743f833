package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.mwaa.RestApiProblems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How one line of Airflow speaks REST, as MWAA's {@code InvokeRestApi} reaches it: the stable REST API v1
 * on Airflow 2.4.3-2.x, v2 on 3.x (MWAA picks the prefix). The only place that knows their differences:
 *
 * <ul>
 *   <li>triggering: v1 takes {@code dag_run_id}, {@code conf} and, only when given, {@code logical_date}
 *       (without one Airflow uses "now" to the microsecond); v2 requires {@code logical_date}, JSON null
 *       allowed, and refuses unknown fields (such as v1's {@code execution_date}) with 422;</li>
 *   <li>a duplicate is 409 on both; v1 finds duplicates by run id or logical date and says which, v2
 *       reports its database's unique constraint;</li>
 *   <li>listing: v1 sorts and filters by {@code execution_date}, v2 by {@code run_after} and
 *       {@code logical_date};</li>
 *   <li>a run: v1 reports {@code external_trigger}, v2 does not, and may have no logical date.</li>
 * </ul>
 */
public final class RestApiDialect {

    /** The first Airflow MWAA's {@code InvokeRestApi} works with. */
    public static final AirflowVersion FIRST_VERSION = AirflowVersion.of(2, 4, 3);

    private final AirflowVersion version;

    private RestApiDialect(AirflowVersion version) {
        this.version = version;
    }

    /**
     * The dialect of {@code version}.
     *
     * @throws IllegalArgumentException for versions before {@link #FIRST_VERSION} or from 4.0 on
     */
    public static RestApiDialect of(AirflowVersion version) {
        Objects.requireNonNull(version, "version");
        if (version.compareTo(FIRST_VERSION) < 0 || version.isAtLeast(4, 0, 0)) {
            throw new IllegalArgumentException("Airflow " + version + " cannot be reached through InvokeRestApi, "
                    + "which needs Airflow " + FIRST_VERSION + " or later (and before 4.0)");
        }
        return new RestApiDialect(version);
    }

    public AirflowVersion version() {
        return version;
    }

    /** Whether this is Airflow 3's REST API v2 (else Airflow 2's v1). */
    public boolean isV2() {
        return version.major() >= 3;
    }

    /** {@code /dags/{dag_id}/dagRuns}: where runs are triggered and listed. */
    public static String runsPath(String dagId) {
        return "/dags/" + dagId + "/dagRuns";
    }

    /** {@code /dags/{dag_id}/dagRuns/{dag_run_id}}: one run. */
    public static String runPath(String dagId, String runId) {
        return runsPath(dagId) + "/" + runId;
    }

    /** The body of {@code POST /dags/{dag_id}/dagRuns} this version accepts. */
    public JsonObject triggerBody(String runId, JsonObject conf, Optional<Instant> logicalDate) {
        JsonObject.Builder body = JsonObject.builder().put("dag_run_id", runId);
        if (isV2()) {
            body.put("logical_date", logicalDate.<JsonValue>map(date -> new JsonString(
                    AirflowDialect.airflowDate(date))).orElse(JsonNull.INSTANCE));
        } else {
            logicalDate.ifPresent(date -> body.put("logical_date", AirflowDialect.airflowDate(date)));
        }
        return body.put("conf", conf).build();
    }

    /** The query of one page of a DAG's runs, newest first. */
    public JsonObject pageQuery(int limit, int offset) {
        return JsonObject.builder()
                .put("limit", Integer.toString(limit))
                .put("offset", Integer.toString(offset))
                .put("order_by", isV2() ? "-run_after" : "-execution_date")
                .build();
    }

    /**
     * The stem of the logical-date filters this version takes: v1's {@code execution_date} (as in
     * {@code execution_date_gte}), v2's {@code logical_date}.
     */
    public String logicalDateFilter() {
        return isV2() ? "logical_date" : "execution_date";
    }

    /**
     * The {@code order_by} field this version sorts by where v1 names it {@code v1Field}, or empty when this
     * version cannot sort by it. v1 takes its own names. v2 calls the run id {@code run_id}, no longer records
     * {@code external_trigger}, and sorts runs in time by {@code run_after}: the logical date of a run that
     * has one, else when it was triggered (its own logical date is null for a run triggered without one, and
     * would sort every such run first, in no order).
     */
    public Optional<String> orderField(String v1Field) {
        Objects.requireNonNull(v1Field, "v1Field");
        if (!isV2()) {
            return Optional.of(v1Field);
        }
        return switch (v1Field) {
            case "execution_date" -> Optional.of("run_after");
            case "dag_run_id" -> Optional.of("run_id");
            case "external_trigger" -> Optional.empty();
            default -> Optional.of(v1Field);
        };
    }

    /** A date as a query parameter: ISO 8601 in UTC, to the microsecond, as Airflow keeps dates. */
    public String dateParameter(Instant instant) {
        return AirflowDialect.airflowDate(instant);
    }

    /** The query of the runs whose logical date is exactly {@code date} (at most one on Airflow 2). */
    public JsonObject atLogicalDateQuery(Instant date) {
        String text = AirflowDialect.airflowDate(date);
        String field = logicalDateFilter();
        return JsonObject.builder().put(field + "_gte", text).put(field + "_lte", text).put("limit", "100").build();
    }

    /**
     * Whether a 409 says another run holds the logical date, rather than the run id: Airflow 2 names which
     * ({@code ... DAGRun logical date: '...' already exists}); Airflow 3 does not, so this is false there.
     */
    public boolean conflictNamesLogicalDate(JsonValue answer) {
        return !isV2() && RestApiProblems.summary(answer)
                .filter(text -> text.toLowerCase(Locale.ROOT).contains("logical date")).isPresent();
    }

    /** The run a DAGRun answer describes, if it is one. */
    public Optional<DagRun> readRun(JsonValue answer, String dagId) {
        if (!(answer instanceof JsonObject run)) {
            return Optional.empty();
        }
        Optional<String> runId = run.string("dag_run_id").filter(id -> !id.isEmpty());
        if (runId.isEmpty()) {
            return Optional.empty();
        }
        String logicalDate = text(run, "logical_date");
        if (logicalDate == null && !isV2()) {
            logicalDate = text(run, "execution_date");
        }
        JsonObject conf = run.get("conf").filter(JsonObject.class::isInstance).map(JsonObject.class::cast).orElse(null);
        Boolean externalTrigger = run.get("external_trigger").filter(JsonBoolean.class::isInstance)
                .map(value -> ((JsonBoolean) value).value()).orElse(null);
        return Optional.of(new DagRun(run.string("dag_id").orElse(dagId), runId.get(), text(run, "state"),
                AirflowOutput.isoDate(logicalDate), AirflowOutput.isoDate(text(run, "start_date")),
                AirflowOutput.isoDate(text(run, "end_date")), conf, text(run, "run_type"), externalTrigger,
                text(run, "note")));
    }

    /**
     * The runs of a DAGRunCollection answer ({@code {"dag_runs": [...], "total_entries": N}}), if it is one.
     */
    public Optional<ListedRuns> readRuns(JsonValue answer, String dagId) {
        if (!(answer instanceof JsonObject collection)
                || !(collection.get("dag_runs").orElse(null) instanceof JsonArray listed)) {
            return Optional.empty();
        }
        List<DagRun> runs = new ArrayList<>();
        for (JsonValue element : listed.elements()) {
            Optional<DagRun> run = readRun(element, dagId);
            if (run.isEmpty()) {
                return Optional.empty();
            }
            runs.add(run.get());
        }
        int total = runs.size();
        if (collection.get("total_entries").orElse(null) instanceof JsonNumber number) {
            try {
                total = Math.max(total, Integer.parseInt(number.text()));
            } catch (NumberFormatException notAnInt) {
                return Optional.empty();
            }
        }
        return Optional.of(new ListedRuns(runs, total));
    }

    /** A member's text, or null when it is missing, empty or not a string. */
    private static String text(JsonObject object, String name) {
        return object.string(name).filter(value -> !value.isEmpty()).orElse(null);
    }

    @Override
    public String toString() {
        return "Airflow " + version + " REST API " + (isV2() ? "v2" : "v1");
    }
}
