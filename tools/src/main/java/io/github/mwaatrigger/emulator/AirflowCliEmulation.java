package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.emulator.ParsedArguments.Option;
import io.github.mwaatrigger.emulator.ParsedArguments.UsageException;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Airflow CLI as MWAA's web server runs it, for the commands the emulator implements:
 * {@code dags trigger}, {@code dags list-runs}, {@code dags state}, {@code dags list} (and on 1.10
 * {@code trigger_dag}, {@code list_dag_runs}, {@code dag_state}, {@code list_dags}), with the output
 * formats and error texts of the configured version.
 */
final class AirflowCliEmulation {

    private static final String TRIGGER_MODULE = "api/common/trigger_dag.py";

    private final AirflowSimulation airflow;
    private final AirflowVersion version;
    private final boolean noisy;

    AirflowCliEmulation(AirflowSimulation airflow, EmulatorConfig config) {
        this.airflow = airflow;
        this.version = config.airflowVersion();
        this.noisy = config.noisyOutput();
    }

    /** Runs {@code words} (the command line after MWAA split it). */
    CommandOutput run(List<String> words) {
        Optional<String> command = command(words);
        if (command.isEmpty()) {
            return usageError(words.isEmpty() ? "" : words.get(0), words.isEmpty()
                    ? "the following arguments are required: GROUP_OR_COMMAND"
                    : "argument GROUP_OR_COMMAND: invalid choice: '" + words.get(0) + "'");
        }
        if (version.major() >= 2 && !command.get().startsWith("dags ")) {
            return removedCommand(command.get());
        }
        int consumed = command.get().split(" ").length;
        List<String> args = words.subList(consumed, words.size());
        try {
            CommandOutput output = switch (command.get()) {
                case "dags trigger", "trigger_dag" -> trigger(args);
                case "dags list-runs", "list_dag_runs" -> listRuns(args);
                case "dags state", "dag_state" -> state(args);
                default -> listDags(args);
            };
            return noisy ? withNoise(output) : output;
        } catch (UsageException e) {
            return usageError(command.get(), e.getMessage());
        }
    }

    private Optional<String> command(List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        boolean legacy = version.major() == 1;
        String first = words.get(0);
        if (legacy) {
            return List.of("trigger_dag", "list_dag_runs", "dag_state", "list_dags").contains(first)
                    ? Optional.of(first) : Optional.empty();
        }
        if (first.equals("dags") && words.size() > 1
                && List.of("trigger", "list-runs", "state", "list").contains(words.get(1))) {
            return Optional.of("dags " + words.get(1));
        }
        return List.of("trigger_dag", "list_dag_runs", "dag_state", "list_dags").contains(first)
                ? Optional.of(first) : Optional.empty();
    }

    // ---- dags trigger ----------------------------------------------------------------------------

    private CommandOutput trigger(List<String> args) throws UsageException {
        List<Option> options = new ArrayList<>(List.of(
                version.major() == 1 ? Option.value("run_id", "-r", "--run_id") : Option.value("run_id", "-r", "--run-id"),
                Option.value("conf", "-c", "--conf"),
                Option.flag("verbose", "-v", "--verbose")));
        if (version.major() == 1) {
            options.add(Option.value("exec_date", "-e", "--exec_date"));
        } else if (version.major() == 2) {
            options.add(Option.value("exec_date", "-e", "--exec-date"));
            options.add(Option.value("subdir", "-S", "--subdir"));
        } else {
            options.add(Option.value("exec_date", "-l", "--logical-date"));
        }
        if (version.isAtLeast(2, 6, 0)) {
            options.add(Option.flag("no_replace_microseconds", "--no-replace-microseconds"));
            options.add(Option.value("output", "-o", "--output"));
        }
        ParsedArguments parsed = ParsedArguments.parse(args, options, List.of("dag_id"));
        String output = outputFormat(parsed);
        Instant logicalDate = parsed.value("exec_date").isEmpty() ? null
                : parseDate(parsed.value("exec_date").get(), version.major() == 3 ? "-l/--logical-date" : "-e/--exec-date");
        JsonObject conf;
        try {
            conf = parsed.value("conf").isEmpty() ? JsonObject.empty() : Json.parseObject(parsed.value("conf").get(), "conf");
        } catch (JsonParseException e) {
            return CommandOutput.err(AirflowTexts.traceback(TRIGGER_MODULE,
                    "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"));
        }
        String dagId = parsed.positional(0);
        AirflowSimulation.Trigger result = airflow.trigger(dagId, parsed.value("run_id").orElse(null), conf,
                logicalDate, !parsed.flag("no_replace_microseconds"));
        if (result instanceof AirflowSimulation.Trigger.Created created) {
            return triggered(created.run(), output);
        }
        return CommandOutput.err(AirflowTexts.traceback(TRIGGER_MODULE, triggerError(dagId, result)));
    }

    private String triggerError(String dagId, AirflowSimulation.Trigger result) {
        if (result instanceof AirflowSimulation.Trigger.DagNotFound) {
            return "airflow.exceptions.DagNotFound: Dag id " + dagId + " not found in DagModel";
        }
        if (result instanceof AirflowSimulation.Trigger.AlreadyExists exists) {
            String runId = exists.requestedRunId();
            String date = AirflowTexts.str(exists.requestedDate());
            String message;
            if (!version.isAtLeast(2, 2, 0)) {
                message = "Run id " + runId + " already exists for dag id " + dagId;
            } else if (version.major() == 3) {
                message = "A DAG Run already exists for DAG " + dagId + " with run id " + runId;
            } else if (version.isAtLeast(2, 6, 0)) {
                message = "A DAG Run already exists for DAG " + dagId + " at " + date + " with run id " + runId;
            } else {
                message = "A Dag Run already exists for dag id " + dagId + " at " + date + " with run id " + runId;
            }
            return "airflow.exceptions.DagRunAlreadyExists: " + message;
        }
        if (result instanceof AirflowSimulation.Trigger.UniqueViolation violation) {
            String column = version.major() == 3 ? "logical_date" : "execution_date";
            return "sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates "
                    + "unique constraint \"dag_run_dag_id_" + column + "_key\"\nDETAIL:  Key (dag_id, " + column
                    + ")=(" + dagId + ", " + AirflowTexts.str(violation.logicalDate()) + ") is taken.";
        }
        AirflowSimulation.Trigger.InvalidRunId invalid = (AirflowSimulation.Trigger.InvalidRunId) result;
        return "ValueError: " + AirflowTexts.invalidRunId(version, invalid.runId());
    }

    private CommandOutput triggered(EmulatedRun run, String output) {
        Instant now = airflow.now();
        if (!version.isAtLeast(2, 6, 0)) {
            return CommandOutput.out(createdLine(run, now));
        }
        Map<String, JsonValue> row = new LinkedHashMap<>();
        row.put("conf", normalized(run.conf()));
        row.put("dag_id", new JsonString(run.dagId()));
        row.put("dag_run_id", new JsonString(run.runId()));
        row.put("data_interval_start", date(run.logicalDate()));
        row.put("data_interval_end", date(run.logicalDate()));
        row.put("end_date", JsonNull.INSTANCE);
        if (version.major() == 2) {
            row.put("external_trigger", new JsonString("True"));
        }
        row.put("last_scheduling_decision", JsonNull.INSTANCE);
        row.put("logical_date", date(run.logicalDate()));
        row.put("run_type", new JsonString("manual"));
        row.put("start_date", JsonNull.INSTANCE);
        row.put("state", new JsonString(run.state(now)));
        if (version.major() == 3) {
            row.put("triggering_user_name", new JsonString("airflow"));
        }
        return CommandOutput.out(render(List.of(new JsonObject(row)), output));
    }

    private String createdLine(EmulatedRun run, Instant now) {
        String executionDate = AirflowTexts.isoformat(run.logicalDate().orElse(run.runAfter()));
        String repr;
        if (!version.isAtLeast(2, 1, 0)) {
            repr = "<DagRun " + run.dagId() + " @ " + executionDate + ": " + run.runId()
                    + ", externally triggered: True>";
        } else {
            repr = "<DagRun " + run.dagId() + " @ " + executionDate + ": " + run.runId() + ", state:"
                    + run.state(now) + ", queued_at: " + AirflowTexts.str(run.runAfter())
                    + ". externally triggered: True>";
        }
        String line = "Created " + repr;
        return (version.major() == 1 ? AirflowTexts.logLine(now, "cli.py:243", line) : line) + "\n";
    }

    // ---- dags list-runs --------------------------------------------------------------------------

    private CommandOutput listRuns(List<String> args) throws UsageException {
        List<Option> options = new ArrayList<>(List.of(
                Option.value("state", "--state"), Option.flag("no_backfill", "--no-backfill"),
                Option.flag("verbose", "-v", "--verbose")));
        List<String> positionals;
        if (version.major() == 1) {
            positionals = List.of("dag_id");
        } else {
            options.add(Option.value("output", "-o", "--output"));
            options.add(Option.value("start_date", "-s", "--start-date"));
            options.add(Option.value("end_date", "-e", "--end-date"));
            if (version.major() == 2) {
                options.add(Option.value("dag_id", "-d", "--dag-id"));
                positionals = List.of();
            } else {
                positionals = List.of("dag_id");
            }
        }
        ParsedArguments parsed = ParsedArguments.parse(args, options, positionals);
        String dagId = version.major() == 2
                ? parsed.value("dag_id").orElseThrow(() -> new UsageException(
                        "the following arguments are required: -d/--dag-id"))
                : parsed.positional(0);
        String output = version.major() == 1 ? "table" : outputFormat(parsed);
        if (!airflow.hasDag(dagId)) {
            return dagMissing(dagId);
        }
        Instant now = airflow.now();
        // DagRun.find: the logical date between --start-date and --end-date (a run without one never matches)
        Optional<Instant> from = parsed.value("start_date").isEmpty() ? Optional.empty()
                : Optional.of(parseDate(parsed.value("start_date").get(), "-s/--start-date"));
        Optional<Instant> until = parsed.value("end_date").isEmpty() ? Optional.empty()
                : Optional.of(parseDate(parsed.value("end_date").get(), "-e/--end-date"));
        List<EmulatedRun> runs = airflow.runs(dagId).stream()
                .filter(run -> parsed.value("state").map(state -> state.equals(run.state(now))).orElse(true))
                .filter(run -> from.isEmpty() || run.logicalDate().filter(date -> !date.isBefore(from.get())).isPresent())
                .filter(run -> until.isEmpty() || run.logicalDate().filter(date -> !date.isAfter(until.get())).isPresent())
                .toList();
        if (version.major() == 1) {
            return CommandOutput.out(legacyRunTable(dagId, runs, now));
        }
        List<JsonObject> rows = new ArrayList<>();
        for (EmulatedRun run : runs) {
            Map<String, JsonValue> row = new LinkedHashMap<>();
            row.put("dag_id", new JsonString(run.dagId()));
            row.put("run_id", new JsonString(run.runId()));
            row.put("state", new JsonString(run.state(now)));
            if (version.major() == 3) {
                row.put("run_after", new JsonString(AirflowTexts.isoformat(run.runAfter())));
                row.put("logical_date", new JsonString(run.logicalDate().map(AirflowTexts::isoformat).orElse("")));
            } else {
                row.put("execution_date", new JsonString(AirflowTexts.isoformat(run.sortDate())));
            }
            row.put("start_date", new JsonString(run.startDate(now).map(AirflowTexts::isoformat).orElse("")));
            row.put("end_date", new JsonString(run.endDate(now).map(AirflowTexts::isoformat).orElse("")));
            rows.add(new JsonObject(row));
        }
        return CommandOutput.out(render(rows, output));
    }

    private static String legacyRunTable(String dagId, List<EmulatedRun> runs, Instant now) {
        if (runs.isEmpty()) {
            return "No dag runs for " + dagId + "\n";
        }
        StringBuilder out = new StringBuilder(String.format("%-3s | %-20s | %-10s | %-20s | %-20s |%n",
                "id", "run_id", "state", "execution_date", "state_date"));
        out.append("-".repeat(90)).append('\n');
        int id = 1;
        for (EmulatedRun run : runs) {
            out.append(String.format("%-3s | %-20s | %-10s | %-20s | %-20s |%n", id++, run.runId(), run.state(now),
                    AirflowTexts.isoformat(run.sortDate()), run.startDate(now).map(AirflowTexts::isoformat).orElse("")));
        }
        return out.toString();
    }

    // ---- dags state ------------------------------------------------------------------------------

    private CommandOutput state(List<String> args) throws UsageException {
        String second = version.major() == 3 ? "logical_date_or_run_id" : "execution_date";
        ParsedArguments parsed = ParsedArguments.parse(args, List.of(Option.flag("verbose", "-v", "--verbose"),
                Option.value("subdir", "-S", "--subdir")), List.of("dag_id", second));
        String dagId = parsed.positional(0);
        if (!airflow.hasDag(dagId)) {
            return dagMissing(dagId);
        }
        String key = parsed.positional(1);
        Instant now = airflow.now();
        Optional<EmulatedRun> run = airflow.runs(dagId).stream()
                .filter(candidate -> version.major() == 3 && candidate.runId().equals(key))
                .findFirst();
        if (run.isEmpty()) {
            Instant date = parseDate(key, second);
            run = airflow.runs(dagId).stream().filter(candidate -> candidate.logicalDate().equals(Optional.of(date)))
                    .findFirst();
        }
        if (run.isEmpty()) {
            return CommandOutput.out("None\n");
        }
        String state = run.get().state(now);
        boolean withConf = version.major() >= 2 && !run.get().conf().isEmpty();
        return CommandOutput.out(state + (withConf ? ", " + PythonJson.dumps(run.get().conf()) : "") + "\n");
    }

    // ---- dags list -------------------------------------------------------------------------------

    private CommandOutput listDags(List<String> args) throws UsageException {
        List<Option> options = new ArrayList<>(List.of(Option.flag("verbose", "-v", "--verbose"),
                Option.value("subdir", "-S", "--subdir")));
        if (version.major() >= 2) {
            options.add(Option.value("output", "-o", "--output"));
        }
        ParsedArguments parsed = ParsedArguments.parse(args, options, List.of());
        if (version.major() == 1) {
            StringBuilder out = new StringBuilder("\n-------------------------------------------------------------------\n"
                    + "DAGS\n-------------------------------------------------------------------\n");
            airflow.dagIds().forEach(dag -> out.append(dag).append('\n'));
            return CommandOutput.out(out.toString());
        }
        List<JsonObject> rows = new ArrayList<>();
        for (String dagId : airflow.dagIds()) {
            JsonObject.Builder row = JsonObject.builder().put("dag_id", dagId);
            if (version.isAtLeast(2, 8, 0)) {
                row.put("fileloc", "/usr/local/airflow/dags/" + dagId + ".py")
                        .put("owners", new JsonArray(List.of(new JsonString("airflow"))))
                        .put("is_paused", "False");
            } else {
                row.put("filepath", dagId + ".py").put("owner", "airflow").put("paused", "False");
            }
            if (version.major() == 3) {
                row.put("bundle_name", "dags-folder").putNull("bundle_version");
            }
            rows.add(row.build());
        }
        return CommandOutput.out(render(rows, outputFormat(parsed)));
    }

    // ---- shared ----------------------------------------------------------------------------------

    private CommandOutput removedCommand(String command) {
        String replacement = switch (command) {
            case "trigger_dag" -> "dags trigger";
            case "list_dag_runs" -> "dags list-runs";
            case "dag_state" -> "dags state";
            default -> "dags list";
        };
        return usageError(command, "argument GROUP_OR_COMMAND: `airflow " + command + "` command, has been removed, "
                + "please use `airflow " + replacement + "`");
    }

    private CommandOutput dagMissing(String dagId) {
        if (!version.isAtLeast(2, 1, 0)) {
            return CommandOutput.err(AirflowTexts.traceback("cli/commands/dag_command.py",
                    "airflow.exceptions.AirflowException: Dag id " + dagId + " not found"));
        }
        return CommandOutput.err("DAG: " + dagId + " does not exist in 'dag' table\n");
    }

    private CommandOutput usageError(String command, String message) {
        if (version.major() == 1) {
            return CommandOutput.err("usage: airflow [-h] " + command + " ...\nairflow: error: " + message + "\n");
        }
        return CommandOutput.err("Usage: airflow " + command + " [-h] ...\n\nairflow command error: " + message
                + ", see help above.\n");
    }

    private static String outputFormat(ParsedArguments parsed) throws UsageException {
        String output = parsed.value("output").orElse("table");
        if (!List.of("table", "json", "yaml", "plain").contains(output)) {
            throw new UsageException("argument -o/--output: invalid choice: '" + output
                    + "' (choose from 'table', 'json', 'yaml', 'plain')");
        }
        return output;
    }

    /** {@code AirflowConsole.print_as}: JSON through {@code json.dumps}, anything else as a plain table. */
    private static String render(List<JsonObject> rows, String output) {
        if (output.equals("json")) {
            return PythonJson.dumps(new JsonArray(List.copyOf(rows))) + "\n";
        }
        if (rows.isEmpty()) {
            return "No data found\n";
        }
        List<String> columns = List.copyOf(rows.get(0).members().keySet());
        StringBuilder out = new StringBuilder(String.join(" | ", columns)).append('\n');
        out.append("=".repeat(Math.max(3, out.length() - 1))).append('\n');
        for (JsonObject row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                JsonValue value = row.get(column).orElse(JsonNull.INSTANCE);
                cells.add(value instanceof JsonString string ? string.value()
                        : value instanceof JsonNull ? "None" : PythonJson.dumps(value));
            }
            out.append(String.join(" | ", cells)).append('\n');
        }
        return out.toString();
    }

    /** {@code _normalize_data}: every leaf written with Python's {@code str()}, {@code None} kept. */
    private static JsonValue normalized(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            object.members().forEach((name, member) -> members.put(name, normalized(member)));
            return new JsonObject(members);
        }
        if (value instanceof JsonArray array) {
            return new JsonArray(array.elements().stream().map(AirflowCliEmulation::normalized).toList());
        }
        if (value instanceof JsonBoolean bool) {
            return new JsonString(bool.value() ? "True" : "False");
        }
        if (value instanceof JsonNumber number) {
            return new JsonString(PythonNumbers.str(number));
        }
        return value;
    }

    private static JsonValue date(Optional<Instant> instant) {
        return instant.<JsonValue>map(value -> new JsonString(AirflowTexts.str(value))).orElse(JsonNull.INSTANCE);
    }

    private CommandOutput withNoise(CommandOutput output) {
        String before = version.major() == 3
                ? AirflowTexts.isoformat(airflow.now()) + " [info     ] Filling up the DagBag from /usr/local/airflow/dags"
                        + " [airflow.models.dagbag.DagBag] loc=dagbag.py:593\n"
                : AirflowTexts.logLine(airflow.now(), "__init__.py:42", "Loaded API auth backend: "
                        + "airflow.api.auth.backend.session") + "\n";
        String warning = version.major() == 2 ? AirflowTexts.warning() : "";
        return output.after(before, warning);
    }

    /** pendulum's {@code parse} for the date forms people type: ISO 8601 with or without a zone, or a date. */
    private static Instant parseDate(String text, String argument) throws UsageException {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new UsageException("argument " + argument + ": invalid parse value: '" + text + "'");
                }
            }
        }
    }
}
