package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How Airflow's Python writes dates, log lines, warnings and tracebacks. */
final class AirflowTexts {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneOffset.UTC);

    private AirflowTexts() {
    }

    /** Python's {@code datetime.isoformat()} in UTC: {@code 2024-01-01T00:00:00+00:00}, microseconds if any. */
    static String isoformat(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        DateTimeFormatter format = micros.getNano() == 0 ? SECONDS : MICROSECONDS;
        return format.format(micros.atOffset(ZoneOffset.UTC)) + "+00:00";
    }

    /** Python's {@code str(datetime)}: like {@link #isoformat} with a space between date and time. */
    static String str(Instant instant) {
        String iso = isoformat(instant);
        return iso.substring(0, 10) + ' ' + iso.substring(11);
    }

    /** An Airflow log line as the console handler prints it on stdout. */
    static String logLine(Instant when, String location, String message) {
        return "[" + LOG_TIME.format(when) + "] {" + location + "} INFO - " + message;
    }

    /** A traceback as Python prints it for an uncaught exception raised at {@code raisedIn}. */
    static String traceback(String raisedIn, String exception) {
        String site = "/usr/local/airflow/.local/lib/python3.11/site-packages/airflow/";
        return String.join("\n",
                "Traceback (most recent call last):",
                "  File \"/usr/local/airflow/.local/bin/airflow\", line 8, in <module>",
                "    sys.exit(main())",
                "  File \"" + site + "__main__.py\", line 62, in main",
                "    args.func(args)",
                "  File \"" + site + "cli/cli_config.py\", line 49, in command",
                "    return func(*args, **kwargs)",
                "  File \"" + site + raisedIn + "\", line 88, in _trigger_dag",
                "    raise exc",
                exception) + "\n";
    }

    /** The {@code ValueError} Airflow raises (2.6.3+) for a run id outside its allowed pattern. */
    static String invalidRunId(AirflowVersion version, String runId) {
        String builtIn = version.major() == 3
                ? "^(?:manual|scheduled|asset_triggered)__(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00)$"
                : "^(?:manual|scheduled|dataset_triggered)__(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00)$";
        return "The run_id provided '" + runId + "' does not match "
                + (version.major() == 3 ? "regex pattern" : "the pattern") + " '"
                + AirflowSimulation.ALLOWED_RUN_ID.pattern() + "' or '" + builtIn + "'";
    }

    /** The warning Airflow 2.x prints on stderr before most commands (Python warnings on MWAA). */
    static String warning() {
        return "/usr/local/airflow/.local/lib/python3.11/site-packages/airflow/metrics/statsd_logger.py:184 "
                + "RemovedInAirflow3Warning: The basic metric validator will be deprecated in the future in favor "
                + "of pattern-matching.  You can try this now by setting config option metrics_use_pattern_match "
                + "to True.\n";
    }
}
