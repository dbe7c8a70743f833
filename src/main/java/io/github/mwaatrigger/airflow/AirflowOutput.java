package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.mwaa.CliOutput;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an Airflow CLI command printed, tolerating what surrounds the real output on MWAA: Python
 * warnings on stderr ({@code RemovedInAirflow3Warning}, {@code FutureWarning}), MWAA notices such as
 * "CloudWatch logging is disabled", and Airflow INFO log lines before the result on stdout.
 */
public final class AirflowOutput {

    private static final String TRACEBACK = "Traceback (most recent call last):";
    private static final String COMMAND_ERROR = "airflow command error:";
    /** A Python exception line: {@code airflow.exceptions.DagNotFound: ...}, {@code ValueError: ...}. */
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:[A-Za-z_]\\w*\\.)*([A-Za-z_]\\w*)(?::\\s?(.*))?$");
    private static final Pattern ALREADY_EXISTS = Pattern.compile(
            "DagRunAlreadyExists|^.*\\brun\\b.*already exists", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern UNIQUE_VIOLATION = Pattern.compile(
            "^.*(?:IntegrityError|UniqueViolation|Unique constraint violation).*$", Pattern.MULTILINE);
    private static final Pattern DAG_NOT_FOUND = Pattern.compile(
            "DagNotFound|not found in DagModel|does not exist in 'dag' table|Dag id \\S+ not found|DAG \\S+ not found",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INVALID_ARGUMENT = Pattern.compile(
            "does not match the pattern|JSONDecodeError|airflow command error:|Expecting value|Invalid run_id",
            Pattern.CASE_INSENSITIVE);

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
        String lower = all.toLowerCase(Locale.ROOT);
        Matcher alreadyExists = ALREADY_EXISTS.matcher(all);
        if (alreadyExists.find()) {
            return Optional.of(new AirflowError(AirflowError.Kind.ALREADY_EXISTS, lineAt(all, alreadyExists.start())));
        }
        Matcher uniqueViolation = UNIQUE_VIOLATION.matcher(all);
        if (uniqueViolation.find()) {
            return Optional.of(new AirflowError(AirflowError.Kind.DUPLICATE_LOGICAL_DATE,
                    lineAt(all, uniqueViolation.start())));
        }
        Matcher notFound = DAG_NOT_FOUND.matcher(all);
        if (notFound.find()) {
            return Optional.of(new AirflowError(AirflowError.Kind.DAG_NOT_FOUND, lineAt(all, notFound.start())));
        }
        Matcher invalid = INVALID_ARGUMENT.matcher(all);
        boolean failed = all.contains(TRACEBACK) || lower.contains(COMMAND_ERROR);
        if (invalid.find() && failed) {
            return Optional.of(new AirflowError(AirflowError.Kind.INVALID_ARGUMENT, lineAt(all, invalid.start())));
        }
        if (failed) {
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
    public static Optional<JsonArray> jsonArray(String stdout) {
        int from = 0;
        while (from < stdout.length()) {
            int lineEnd = stdout.indexOf('\n', from);
            int end = lineEnd < 0 ? stdout.length() : lineEnd;
            String line = stdout.substring(from, end).strip();
            if (line.startsWith("[")) {
                try {
                    if (Json.parseLeading(stdout, from).value() instanceof JsonArray array) {
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

    /** Airflow's {@code str(datetime)} ({@code 2024-01-01 00:00:00+00:00}) as ISO 8601 ({@code 2024-01-01T00:00:00+00:00}). */
    public static String isoDate(String airflowDate) {
        if (airflowDate == null || airflowDate.isBlank() || airflowDate.equals("None")) {
            return null;
        }
        String date = airflowDate.strip();
        return date.length() > 10 && date.charAt(10) == ' ' ? date.substring(0, 10) + 'T' + date.substring(11) : date;
    }

    private static String lineAt(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }

    private static Optional<String> lastExceptionLine(String text) {
        String[] lines = text.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith(COMMAND_ERROR)) {
                return Optional.of(line);
            }
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
