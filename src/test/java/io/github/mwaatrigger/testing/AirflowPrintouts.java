package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.CliOutput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an Airflow version prints for the commands {@link InMemoryAirflow} runs, word for word as the tools'
 * MWAA emulator prints it (its {@code AirflowCliEmulation} and {@code AirflowTexts}), so that the
 * functions' tests read the same texts as the end-to-end tests and as MWAA.
 */
final class AirflowPrintouts {

    /** Runs stay queued: nothing here schedules them. */
    private static final String RUN_STATE = "queued";
    /** Compact rather than Python's {@code ", "} separators: the functions read JSON, not its layout. */
    private static final JsonWriter PYTHON_JSON = JsonWriter.compact();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneOffset.UTC);
    private static final String TRIGGER_MODULE = "api/common/trigger_dag.py";
    private static final String SITE_PACKAGES = "/usr/local/airflow/.local/lib/python3.11/site-packages/airflow/";

    private final AirflowVersion version;

    AirflowPrintouts(AirflowVersion version) {
        this.version = version;
    }

    // ---- dags trigger ----------------------------------------------------------------------------

    /**
     * Before 2.6 a {@code Created <DagRun ...>} line; from 2.6 the run as a table, or a JSON row with
     * {@code -o json}.
     */
    CliOutput created(InMemoryAirflow.Run run, boolean json) {
        if (!version.isAtLeast(2, 6, 0)) {
            return stdout(createdLine(run));
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
        row.put("state", new JsonString(RUN_STATE));
        if (version.major() == 3) {
            row.put("triggering_user_name", new JsonString("airflow"));
        }
        return stdout(rendered(List.of(new JsonObject(row)), json));
    }

    private String createdLine(InMemoryAirflow.Run run) {
        String executionDate = isoformat(run.logicalDate().orElse(run.createdAt()));
        String repr = "<DagRun " + run.dagId() + " @ " + executionDate + ": " + run.runId() + ", "
                + (version.isAtLeast(2, 1, 0) ? "state:" + RUN_STATE + ", queued_at: "
                        + str(run.createdAt()) + ". " : "")
                + "externally triggered: True>";
        String line = "Created " + repr;
        return (version.major() == 1 ? logLine(run.createdAt(), "cli.py:243", line) : line) + "\n";
    }

    CliOutput dagNotFound(String dagId) {
        return traceback(TRIGGER_MODULE, "airflow.exceptions.DagNotFound: Dag id " + dagId + " not found in DagModel");
    }

    CliOutput alreadyExists(String dagId, String runId, Instant logicalDate) {
        String date = str(logicalDate);
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
        return traceback(TRIGGER_MODULE, "airflow.exceptions.DagRunAlreadyExists: " + message);
    }

    /** The database's unique constraint on the DAG and logical date. */
    CliOutput uniqueViolation(String dagId, Instant logicalDate) {
        String column = version.major() == 3 ? "logical_date" : "execution_date";
        return traceback(TRIGGER_MODULE, "sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate "
                + "key value violates unique constraint \"dag_run_dag_id_" + column + "_key\"\nDETAIL:  Key (dag_id, "
                + column + ")=(" + dagId + ", " + str(logicalDate) + ") is taken.");
    }

    /** Airflow 2.6.3+ refusing a run id outside the environment's {@code allowed_run_id_pattern}. */
    CliOutput runIdRefused(String runId, String allowedPattern) {
        String builtIn = version.major() == 3
                ? "^(?:manual|scheduled|asset_triggered)__(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00)$"
                : "^(?:manual|scheduled|dataset_triggered)__(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00)$";
        return traceback(TRIGGER_MODULE, "ValueError: The run_id provided '" + runId + "' does not match "
                + (version.major() == 3 ? "regex pattern" : "the pattern") + " '" + allowedPattern + "' or '" + builtIn
                + "'");
    }

    /** Output no reader can make sense of: a JSON row holding {@code Infinity}, which is not JSON. */
    CliOutput unreadable() {
        return stdout("[{\"conf\": {\"ratio\": Infinity}, \"dag_run_id\": \"?\"}]\n");
    }

    /** A traceback of no known kind: the database went away. */
    CliOutput databaseError() {
        return traceback(TRIGGER_MODULE, "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed "
                + "the connection unexpectedly");
    }

    CliOutput confNotJson() {
        return traceback(TRIGGER_MODULE, "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    }

    // ---- dags list-runs --------------------------------------------------------------------------

    CliOutput runs(List<InMemoryAirflow.Run> runs, boolean json) {
        List<JsonObject> rows = new ArrayList<>();
        for (InMemoryAirflow.Run run : runs) {
            Map<String, JsonValue> row = new LinkedHashMap<>();
            row.put("dag_id", new JsonString(run.dagId()));
            row.put("run_id", new JsonString(run.runId()));
            row.put("state", new JsonString(run.state()));
            if (version.major() == 3) {
                row.put("run_after", new JsonString(isoformat(run.createdAt())));
                row.put("logical_date", new JsonString(run.logicalDate().map(AirflowPrintouts::isoformat).orElse("")));
            } else {
                row.put("execution_date", new JsonString(isoformat(run.sortDate())));
            }
            row.put("start_date", new JsonString(run.startDate().map(AirflowPrintouts::isoformat).orElse("")));
            row.put("end_date", new JsonString(run.endDate().map(AirflowPrintouts::isoformat).orElse("")));
            rows.add(new JsonObject(row));
        }
        return stdout(rendered(rows, json));
    }

    // ---- dags state ------------------------------------------------------------------------------

    /** {@code print(str(state) + (", " + json.dumps(conf) if conf else ""))}, or {@code None} for no run. */
    CliOutput state(Optional<InMemoryAirflow.Run> run) {
        if (run.isEmpty()) {
            return stdout("None\n");
        }
        JsonObject conf = run.get().conf();
        return stdout(run.get().state() + (conf.isEmpty() ? "" : ", " + pythonDumps(conf)) + "\n");
    }

    CliOutput dagMissing(String dagId) {
        if (!version.isAtLeast(2, 1, 0)) {
            return traceback("cli/commands/dag_command.py", "airflow.exceptions.AirflowException: Dag id " + dagId
                    + " not found");
        }
        return stderr("DAG: " + dagId + " does not exist in 'dag' table\n");
    }

    // ---- argument errors -------------------------------------------------------------------------

    /** argparse refusing the command line. */
    CliOutput usageError(String command, String message) {
        if (version.major() == 1) {
            return stderr("usage: airflow [-h] " + command + " ...\nairflow: error: " + message + "\n");
        }
        return stderr("Usage: airflow " + command + " [-h] ...\n\nairflow command error: " + message
                + ", see help above.\n");
    }

    /** Airflow 2+ refusing a command of Airflow 1.10. */
    CliOutput removedCommand(String command, String replacement) {
        return usageError(command, "argument GROUP_OR_COMMAND: `airflow " + command + "` command, has been removed, "
                + "please use `airflow " + replacement + "`");
    }

    // ---- MWAA's noise ----------------------------------------------------------------------------

    /** {@code output} among what MWAA prints around every command: log lines on stdout, warnings on stderr. */
    CliOutput amidNoise(CliOutput output, Instant now) {
        String logLine = version.major() == 3
                ? isoformat(now) + " [info     ] Filling up the DagBag from /usr/local/airflow/dags"
                        + " [airflow.models.dagbag.DagBag] loc=dagbag.py:593\n"
                : logLine(now, "__init__.py:42", "Loaded API auth backend: airflow.api.auth.backend.session") + "\n";
        String warning = version.major() == 2 ? SITE_PACKAGES + "metrics/statsd_logger.py:184 "
                + "RemovedInAirflow3Warning: The basic metric validator will be deprecated in the future in favor "
                + "of pattern-matching.  You can try this now by setting config option metrics_use_pattern_match "
                + "to True.\n" : "";
        return new CliOutput(logLine + output.stdout(), warning + output.stderr());
    }

    // ---- Python's ways of writing ----------------------------------------------------------------

    /**
     * Python's {@code json.dumps(value)}: {@code ", "} and {@code ": "} between items and every character
     * outside ASCII escaped, as the tools' {@code PythonJson} writes it; enough for the conf in tests.
     */
    private static String pythonDumps(JsonValue value) {
        String compact = PYTHON_JSON.write(value);
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                if (c == '\\') {
                    out.append(c).append(compact.charAt(++i));
                    continue;
                }
                inString = c != '"';
                out.append(c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            } else {
                inString = c == '"';
                out.append(c == ',' ? ", " : c == ':' ? ": " : String.valueOf(c));
            }
        }
        return out.toString();
    }

    /** Python's {@code datetime.isoformat()} in UTC: {@code 2024-01-01T00:00:00+00:00}, microseconds if any. */
    static String isoformat(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        DateTimeFormatter format = micros.getNano() == 0 ? SECONDS : MICROSECONDS;
        return format.format(micros.atOffset(ZoneOffset.UTC)) + "+00:00";
    }

    /** Python's {@code str(datetime)}: like {@link #isoformat} with a space between date and time. */
    private static String str(Instant instant) {
        String iso = isoformat(instant);
        return iso.substring(0, 10) + ' ' + iso.substring(11);
    }

    private static String logLine(Instant when, String location, String message) {
        return "[" + LOG_TIME.format(when) + "] {" + location + "} INFO - " + message;
    }

    private static CliOutput traceback(String raisedIn, String exception) {
        return stderr(String.join("\n",
                "Traceback (most recent call last):",
                "  File \"/usr/local/airflow/.local/bin/airflow\", line 8, in <module>",
                "    sys.exit(main())",
                "  File \"" + SITE_PACKAGES + "__main__.py\", line 62, in main",
                "    args.func(args)",
                "  File \"" + SITE_PACKAGES + "cli/cli_config.py\", line 49, in command",
                "    return func(*args, **kwargs)",
                "  File \"" + SITE_PACKAGES + raisedIn + "\", line 88, in _trigger_dag",
                "    raise exc",
                exception) + "\n");
    }

    /** {@code AirflowConsole.print_as}: JSON through {@code json.dumps}, anything else as a plain table. */
    private static String rendered(List<JsonObject> rows, boolean json) {
        if (json) {
            return PYTHON_JSON.write(new JsonArray(List.copyOf(rows))) + "\n";
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
                        : value instanceof JsonNull ? "None" : PYTHON_JSON.write(value));
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
            return new JsonArray(array.elements().stream().map(AirflowPrintouts::normalized).toList());
        }
        if (value instanceof JsonBoolean bool) {
            return new JsonString(bool.value() ? "True" : "False");
        }
        if (value instanceof JsonNumber number) {
            return new JsonString(pythonNumber(number));
        }
        return value;
    }

    /** Python's {@code str()} of the number {@code json.loads} makes: ints as written, floats with a point. */
    private static String pythonNumber(JsonNumber number) {
        String text = number.text();
        if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
            return text;
        }
        String plain = new BigDecimal(text).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static JsonValue date(Optional<Instant> instant) {
        return instant.<JsonValue>map(value -> new JsonString(str(value))).orElse(JsonNull.INSTANCE);
    }

    private static CliOutput stdout(String text) {
        return new CliOutput(text, "");
    }

    private static CliOutput stderr(String text) {
        return new CliOutput("", text);
    }
}
