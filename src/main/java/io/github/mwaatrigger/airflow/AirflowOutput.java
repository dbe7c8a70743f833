package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.mwaa.CliOutput;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an Airflow CLI command printed, tolerating what surrounds the real output on MWAA: Python
 * warnings on stderr ({@code RemovedInAirflow3Warning}, {@code FutureWarning}), MWAA notices such as
 * "CloudWatch logging is disabled", and Airflow INFO log lines before the result on stdout. Errors are
 * recognised only by the lines Python and Airflow print for them (an exception line, Airflow's
 * {@code SystemExit} and usage messages), never by words that a warning or log line might contain.
 */
public final class AirflowOutput {

    private static final String TRACEBACK = "Traceback (most recent call last):";
    /** A Python exception line: {@code airflow.exceptions.DagNotFound: ...}, {@code ValueError: ...}. */
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:[A-Za-z_]\\w*\\.)*([A-Za-z_]\\w*)(?::\\s?(.*))?$");
    private static final Pattern ALREADY_EXISTS =
            Pattern.compile("^(?:[\\w.]+\\.)?DagRunAlreadyExists\\b.*$", Pattern.MULTILINE);
    private static final Pattern UNIQUE_VIOLATION =
            Pattern.compile("^(?:[\\w.]+\\.)?IntegrityError\\b.*$", Pattern.MULTILINE);
    private static final Pattern DAG_NOT_FOUND = Pattern.compile(
            "^(?:(?:[\\w.]+\\.)?(?:DagNotFound|AirflowException)\\b.*not found.*|DAG: \\S+ does not exist in 'dag' table)$",
            Pattern.MULTILINE);
    private static final Pattern INVALID_ARGUMENT = Pattern.compile(
            "^(?:ValueError: The run_id provided .*|(?:[\\w.]+\\.)?JSONDecodeError\\b.*)$", Pattern.MULTILINE);
    private static final Pattern UNSUPPORTED_COMMAND =
            Pattern.compile("^(?:airflow command error: .*|airflow: error: .*)$", Pattern.MULTILINE);

    /** A line that marks an error of a kind; the first that matches wins. */
    private record Classification(AirflowError.Kind kind, Pattern pattern) {
    }

    private static final List<Classification> CLASSIFICATIONS = List.of(
            new Classification(AirflowError.Kind.DUPLICATE_LOGICAL_DATE, UNIQUE_VIOLATION),
            new Classification(AirflowError.Kind.ALREADY_EXISTS, ALREADY_EXISTS),
            new Classification(AirflowError.Kind.DAG_NOT_FOUND, DAG_NOT_FOUND),
            new Classification(AirflowError.Kind.INVALID_ARGUMENT, INVALID_ARGUMENT),
            new Classification(AirflowError.Kind.UNSUPPORTED_COMMAND, UNSUPPORTED_COMMAND));

    private AirflowOutput() {
    }

    /**
     * The error the command reported, if any. Warnings and log lines are not errors; a traceback, an
     * Airflow exception, a {@code SystemExit} message naming a missing DAG, or an argument error are.
     * Callers look for the command's result first: a successful result can echo conf values, which may
     * contain any text.
     */
    public static Optional<AirflowError> error(CliOutput output) {
        String all = output.stderr() + "\n" + output.stdout();
        for (Classification classification : CLASSIFICATIONS) {
            Matcher matcher = classification.pattern().matcher(all);
            if (matcher.find()) {
                return Optional.of(new AirflowError(classification.kind(), matcher.group().strip()));
            }
        }
        if (all.contains(TRACEBACK)) {
            return Optional.of(new AirflowError(AirflowError.Kind.OTHER, lastExceptionLine(output.stderr())
                    .or(() -> lastExceptionLine(output.stdout()))
                    .orElse("the command failed without saying why")));
        }
        return Optional.empty();
    }

    /**
     * The first JSON array in {@code stdout} that starts a line, such as the output of {@code -o json},
     * skipping log lines before it. {@code "No data found"} (what Airflow prints for an empty result)
     * is an empty array.
     */
    static Optional<JsonArray> jsonArray(String stdout) {
        int from = 0;
        while (from < stdout.length()) {
            int lineEnd = stdout.indexOf('\n', from);
            int end = lineEnd < 0 ? stdout.length() : lineEnd;
            String line = stdout.substring(from, end).strip();
            if (line.startsWith("[")) {
                try {
                    if (Json.parseLeading(stdout, from) instanceof JsonArray array) {
                        return Optional.of(array);
                    }
                } catch (JsonParseException notJsonAfterAll) {
                    // a log line that happens to start with '[': keep looking
                }
            } else if (line.equals("No data found")) {
                return Optional.of(new JsonArray(List.of()));
            }
            from = end + 1;
        }
        return Optional.empty();
    }

    /**
     * Hands each row of the first JSON array of rows in {@code stdout} to {@code each}, as it is read, and
     * returns how many there were: the output of {@code -o json} for a command that prints a table, such
     * as {@code dags list-runs}, whose answer for a long history is too large to hold as one value. The
     * array must start a line as {@code [{} or {@code []} (log lines that start with {@code [} are skipped);
     * {@code "No data found"} is no rows. Empty if there is no such array.
     *
     * @throws JsonParseException if the array breaks off or is not valid JSON; rows before the problem
     *     have been handed on already
     */
    static Optional<Integer> forEachJsonRow(String stdout, Consumer<JsonValue> each) {
        int from = 0;
        while (from < stdout.length()) {
            int lineEnd = stdout.indexOf('\n', from);
            int end = lineEnd < 0 ? stdout.length() : lineEnd;
            String start = stdout.substring(from, Math.min(end, from + 16)).strip();
            if (start.startsWith("[{") || start.startsWith("[]") || start.equals("[")) {
                return Optional.of(Json.forEachLeadingArrayElement(stdout, from, each));
            }
            if (stdout.substring(from, end).strip().equals("No data found")) {
                return Optional.of(0);
            }
            from = end + 1;
        }
        return Optional.empty();
    }

    /** Airflow's {@code str(datetime)} ({@code 2024-01-01 00:00:00+00:00}) as ISO 8601 ({@code 2024-01-01T00:00:00+00:00}). */
    static String isoDate(String airflowDate) {
        if (airflowDate == null || airflowDate.isBlank() || airflowDate.equals("None")) {
            return null;
        }
        String date = airflowDate.strip();
        return date.length() > 10 && date.charAt(10) == ' ' ? date.substring(0, 10) + 'T' + date.substring(11) : date;
    }

    private static Optional<String> lastExceptionLine(String text) {
        String[] lines = text.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            Matcher matcher = EXCEPTION_LINE.matcher(line);
            if (!lines[i].startsWith(" ") && matcher.matches() && looksLikeException(matcher.group(1))) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikeException(String name) {
        return name.endsWith("Error") || name.endsWith("Exception") || name.endsWith("Exit")
                || name.endsWith("Exists") || name.endsWith("NotFound") || name.equals("KeyboardInterrupt");
    }
}
