package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliOutput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one line of Airflow speaks on the command line: the only place that knows the differences between
 * Airflow 1.10 ({@code trigger_dag}), 2.0-2.5 ({@code dags trigger}, a {@code Created <DagRun ...>} line),
 * 2.6+ ({@code -o json}, {@code --no-replace-microseconds}) and 3.x ({@code --logical-date}, a positional
 * DAG id for {@code list-runs}).
 *
 * <p>Commands are built from validated parts only: DAG and run ids that match Airflow's patterns (so they
 * need no quoting and cannot be read as options) and conf serialized as a JSON object in which every
 * {@code '} is written {@code \u0027}, so that it can be single-quoted for MWAA's shell-like splitting.
 */
public final class AirflowDialect {

    private static final Pattern CREATED = Pattern.compile(
            "Created <DagRun (?<dag>\\S+) @ (?<date>.+?): (?<run>[^,\\s]+), (?:state:(?<state>\\w+), )?"
                    + "(?:.*?externally triggered: (?<external>True|False))?");
    /** {@code dags state}: {@code print(str(state) + (", " + json.dumps(conf) if conf else ""))}. */
    private static final Pattern STATE_LINE = Pattern.compile("(?<state>[a-z_]+|None)(?:, (?<conf>\\{.*))?");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private final AirflowVersion version;

    private AirflowDialect(AirflowVersion version) {
        this.version = version;
    }

    /**
     * The dialect of {@code version}.
     *
     * @throws IllegalArgumentException for versions before 1.10 or from 4.0 on
     */
    public static AirflowDialect of(AirflowVersion version) {
        Objects.requireNonNull(version, "version");
        if (!version.isAtLeast(1, 10, 0) || version.isAtLeast(4, 0, 0)) {
            throw new IllegalArgumentException("Airflow " + version + " is not supported: MWAA runs 1.10, 2.x and 3.x");
        }
        return new AirflowDialect(version);
    }

    public AirflowVersion version() {
        return version;
    }

    /**
     * The command that creates run {@code runId} of {@code dagId} with {@code conf}, at {@code logicalDate}
     * if given (else Airflow takes the current time).
     */
    public CliCommand triggerCommand(String dagId, String runId, JsonObject conf, Optional<Instant> logicalDate) {
        List<String> words = new ArrayList<>(isLegacy() ? List.of("trigger_dag") : List.of("dags", "trigger"));
        words.add(AirflowIds.requireDagId(dagId));
        words.add("-r");
        words.add(AirflowIds.requireNewRunId(runId));
        if (!conf.isEmpty()) {
            words.add("-c");
            words.add(confArgument(conf));
        }
        logicalDate.ifPresent(date -> {
            words.add(isAirflow3() ? "--logical-date" : "-e");
            words.add(airflowDate(date));
        });
        if (hasJsonTriggerOutput()) {
            words.add("--no-replace-microseconds");
            words.add("-o");
            words.add("json");
        }
        return new CliCommand(words);
    }

    /**
     * {@code conf} as {@link #triggerCommand} puts it on the command line, for every version: JSON in ASCII,
     * every character above U+007E and every {@code '} written as <code>&#92;uXXXX</code>, so that it can be
     * single-quoted. Its length is its size in bytes.
     */
    public static String confArgument(JsonObject conf) {
        String json = JsonWriter.compact().write(Objects.requireNonNull(conf, "conf"));
        StringBuilder argument = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            // Outside strings compact JSON is ASCII without apostrophes: every such character is in a string,
            // where an escape stands for the same character. Supplementary characters are two chars here, so
            // they come out as the two escapes of their surrogate pair, as JSON spells them.
            if (c > '~' || c == '\'') {
                argument.append("\\u").append(HEX_DIGITS[c >> 12]).append(HEX_DIGITS[c >> 8 & 0xF])
                        .append(HEX_DIGITS[c >> 4 & 0xF]).append(HEX_DIGITS[c & 0xF]);
            } else {
                argument.append(c);
            }
        }
        return argument.toString();
    }

    /** Reads the answer to {@link #triggerCommand} for {@code runId}, which was sent with {@code conf}. */
    public TriggerReply readTrigger(CliOutput output, String dagId, String runId, JsonObject conf) {
        Optional<DagRun> created = hasJsonTriggerOutput()
                ? createdFromJson(output.stdout(), dagId, runId, conf)
                : createdFromText(output.stdout() + "\n" + output.stderr(), dagId, runId, conf);
        if (created.isPresent()) {
            return new TriggerReply.Created(created.get());
        }
        return new TriggerReply.Refused(AirflowOutput.error(output).orElseGet(() -> new AirflowError(
                AirflowError.Kind.OTHER, "the trigger command printed neither a created run nor an error")));
    }

    /**
     * Whether "already exists" can name our run id although another run holds the same logical date, as
     * on Airflow 2.2+, which looks for duplicates by run id or logical date. Then the run has to be looked
     * up before calling it a duplicate.
     */
    public boolean alreadyExistsMayMeanAnotherRun() {
        return version.major() == 2 && version.isAtLeast(2, 2, 0);
    }

    /**
     * Whether a trigger without a logical date keeps the microseconds of "now" (2.6+, which is sent
     * {@code --no-replace-microseconds}; 3.x gives such a run no logical date at all), so that two triggers
     * in one second do not claim the same logical date. Before 2.6 Airflow zeroes them, and a DAG gets at
     * most one such run per second: the others have to be given a logical date of their own ({@code -e}).
     */
    public boolean triggerKeepsMicroseconds() {
        return hasJsonTriggerOutput();
    }

    /** Whether runs can be listed in a form that can be read reliably ({@code -o json}, Airflow 2.0+). */
    public boolean canListRuns() {
        return !isLegacy();
    }

    /**
     * The command that lists the runs of {@code dagId}, newest first.
     *
     * @throws UnsupportedOperationException on Airflow 1.10, see {@link #canListRuns()}
     */
    public CliCommand listRunsCommand(String dagId) {
        return listRunsCommand(dagId, ListRunsFilter.none());
    }

    /**
     * The command that lists the runs of {@code dagId} that {@code filter} lets through, newest first
     * (on 2.x by logical date; on 3.x by {@code run_after}).
     *
     * @throws UnsupportedOperationException on Airflow 1.10, see {@link #canListRuns()}
     */
    public CliCommand listRunsCommand(String dagId, ListRunsFilter filter) {
        if (!canListRuns()) {
            throw new UnsupportedOperationException("listing DAG runs needs Airflow 2.0 or later; this environment runs "
                    + version);
        }
        AirflowIds.requireDagId(dagId);
        List<String> words = new ArrayList<>(isAirflow3()
                ? List.of("dags", "list-runs", dagId, "-o", "json")
                : List.of("dags", "list-runs", "-d", dagId, "-o", "json"));
        filter.state().ifPresent(state -> words.addAll(List.of("--state", state)));
        filter.logicalDateFrom().ifPresent(date -> words.addAll(List.of("--start-date", airflowDate(date))));
        filter.logicalDateUntil().ifPresent(date -> words.addAll(List.of("--end-date", airflowDate(date))));
        return new CliCommand(words);
    }

    /**
     * Whether {@code dags list-runs} prints runs newest first by logical date, as on Airflow 2.x (3.x sorts
     * by {@code run_after}, which a logical date given at trigger time can contradict).
     */
    public boolean listsRunsByLogicalDateNewestFirst() {
        return version.major() == 2;
    }

    /**
     * Reads the answer to {@link #listRunsCommand} row by row, handing each run to {@code each} as it is
     * read, so that a DAG's whole history is never held at once.
     */
    public RunsReply readRuns(CliOutput output, String dagId, Consumer<DagRun> each) {
        Objects.requireNonNull(each, "each");
        Optional<Integer> count;
        try {
            count = AirflowOutput.forEachJsonRow(output.stdout(), row -> {
                if (row instanceof JsonObject object) {
                    listedRun(object, dagId).ifPresent(each);
                }
            });
        } catch (JsonParseException unreadable) {
            return new RunsReply.Refused(new AirflowError(AirflowError.Kind.OTHER, "dags list-runs printed JSON "
                    + "that could not be read (" + unreadable.getMessage() + ")"));
        }
        if (count.isPresent()) {
            return new RunsReply.Listed(count.get());
        }
        return new RunsReply.Refused(AirflowOutput.error(output).orElseGet(() -> new AirflowError(
                AirflowError.Kind.OTHER, "dags list-runs printed neither runs nor an error")));
    }

    /** Whether {@code dags state} prints a run's conf (Airflow 2.0+). */
    public boolean canReadConf() {
        return !isLegacy();
    }

    /**
     * The command that prints the state and conf of {@code run}: on 2.x {@code dags state DAG LOGICAL_DATE}
     * (2.x finds the run by its logical date, which is unique per DAG), on 3.x {@code dags state DAG RUN_ID}.
     * Empty when this version cannot print the conf, or on 2.x when the run's logical date is not known.
     */
    public Optional<CliCommand> dagStateCommand(DagRun run) {
        if (!canReadConf()) {
            return Optional.empty();
        }
        AirflowIds.requireDagId(run.dagId());
        if (isAirflow3()) {
            return Optional.of(CliCommand.of("dags", "state", run.dagId(), AirflowIds.requireRunId(run.runId())));
        }
        if (run.logicalDate() == null) {
            return Optional.empty();
        }
        Instant date = OffsetDateTime.parse(run.logicalDate()).toInstant();
        return Optional.of(CliCommand.of("dags", "state", run.dagId(), airflowDate(date)));
    }

    /**
     * Reads the answer to {@link #dagStateCommand}: {@code state} alone, or {@code state, <conf as JSON>}
     * when the run has a conf, as the last line Airflow prints; {@code None} when there is no such run.
     */
    public DagStateReply readDagState(CliOutput output) {
        String stdout = output.stdout();
        int end = stdout.length();
        while (end > 0) {
            int start = stdout.lastIndexOf('\n', end - 1) + 1;
            String line = stdout.substring(start, end).strip();
            Matcher matcher = STATE_LINE.matcher(line);
            if (matcher.matches()) {
                if (matcher.group("state").equals("None")) {
                    return new DagStateReply.NoRun();
                }
                if (matcher.group("conf") == null) {
                    return new DagStateReply.Found(matcher.group("state"), JsonObject.empty());
                }
                int confAt = start + stdout.substring(start, end).indexOf(matcher.group("conf"));
                try {
                    if (Json.parseLeading(stdout, confAt) instanceof JsonObject conf) {
                        return new DagStateReply.Found(matcher.group("state"), conf);
                    }
                } catch (JsonParseException unreadable) {
                    // not Airflow's line after all: keep looking
                }
            }
            end = start - 1;
        }
        return new DagStateReply.Refused(AirflowOutput.error(output).orElseGet(() -> new AirflowError(
                AirflowError.Kind.OTHER, "dags state printed neither a state nor an error")));
    }

    private boolean isLegacy() {
        return version.major() == 1;
    }

    private boolean isAirflow3() {
        return version.major() == 3;
    }

    private boolean hasJsonTriggerOutput() {
        return version.isAtLeast(2, 6, 0);
    }

    /** A date as Python's {@code isoformat()} writes it in UTC, to microseconds, which Airflow parses. */
    static String airflowDate(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        DateTimeFormatter format = micros.getNano() == 0 ? SECONDS : MICROSECONDS;
        return format.format(micros.atOffset(ZoneOffset.UTC));
    }

    private static Optional<DagRun> createdFromJson(String stdout, String dagId, String runId, JsonObject conf) {
        Optional<JsonArray> rows = AirflowOutput.jsonArray(stdout);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        for (JsonValue row : rows.get().elements()) {
            if (row instanceof JsonObject object && runId.equals(text(object, "dag_run_id"))) {
                String externalTrigger = text(object, "external_trigger");
                return Optional.of(new DagRun(dagId, runId, text(object, "state"),
                        AirflowOutput.isoDate(text(object, "logical_date")),
                        AirflowOutput.isoDate(text(object, "start_date")),
                        AirflowOutput.isoDate(text(object, "end_date")),
                        conf, text(object, "run_type"),
                        // 3.x no longer prints it; a run dags trigger made is external by definition
                        externalTrigger == null || "True".equals(externalTrigger)));
            }
        }
        return Optional.empty();
    }

    private static Optional<DagRun> createdFromText(String output, String dagId, String runId, JsonObject conf) {
        Matcher created = CREATED.matcher(output);
        while (created.find()) {
            if (created.group("dag").equals(dagId) && created.group("run").equals(runId)) {
                // dags trigger makes a manual run on every version (the text line does not say so)
                return Optional.of(new DagRun(dagId, runId, created.group("state"),
                        AirflowOutput.isoDate(created.group("date")), null, null, conf, "manual",
                        created.group("external") == null ? null : Boolean.valueOf(created.group("external"))));
            }
        }
        return Optional.empty();
    }

    private static Optional<DagRun> listedRun(JsonObject row, String dagId) {
        String runId = text(row, "run_id");
        if (runId == null) {
            return Optional.empty();
        }
        String logicalDate = text(row, "logical_date");
        if (logicalDate == null) {
            logicalDate = text(row, "execution_date"); // Airflow 2.x
        }
        RunKind kind = RunKind.of(runId);
        return Optional.of(new DagRun(dagId, runId, text(row, "state"), AirflowOutput.isoDate(logicalDate),
                AirflowOutput.isoDate(text(row, "start_date")), AirflowOutput.isoDate(text(row, "end_date")),
                null, kind.runType().orElse(null), kind.externalTrigger().orElse(null)));
    }

    /** A member's text; Airflow's {@code -o json} writes every value as a string, or null. */
    private static String text(JsonObject object, String name) {
        return object.string(name).filter(v -> !v.isEmpty()).orElse(null);
    }
}
