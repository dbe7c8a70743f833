package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The functions' log records under Lambda's JSON log format: one JSON object per line, levels Lambda filters by. */
class JsonLogFormatterTest {

    private static final String ONE_LINE = "%4$s %3$s - %5$s%6$s%n";

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.github.mwaatrigger.uploads.UploadTriggers");
        record.setInstant(Instant.parse("2024-06-01T08:30:00.250Z"));
        record.setParameters(parameters);
        return record;
    }

    @Test
    void record_isOneJsonLineWithTimestampLevelLoggerAndTheFormattedMessage() {
        String line = new JsonLogFormatter().format(record(Level.INFO, "{0} -> DAG {1}: {2}", "s3://b/k", "etl",
                "CREATED"));

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        assertThat(Json.parseObject(line, "log line")).isEqualTo(Json.parse("""
                {"timestamp": "2024-06-01T08:30:00.250Z", "level": "INFO",
                 "logger": "io.github.mwaatrigger.uploads.UploadTriggers", "message": "s3://b/k -> DAG etl: CREATED"}
                """));
    }

    @Test
    void stackTrace_staysInTheOneLine() {
        LogRecord record = record(Level.SEVERE, "s3://b/k -> DAG etl failed unexpectedly");
        record.setThrown(new IllegalStateException("broken\nacross lines"));

        String line = new JsonLogFormatter().format(record);
        JsonObject object = Json.parseObject(line, "log line");

        assertThat(line.strip()).doesNotContain("\n");
        assertThat(object.string("level")).contains("ERROR");
        assertThat(object.string("stackTrace")).hasValueSatisfying(trace -> assertThat(trace)
                .startsWith("java.lang.IllegalStateException: broken\nacross lines")
                .contains("at io.github.mwaatrigger.config.JsonLogFormatterTest"));
    }

    @ParameterizedTest
    @CsvSource({"SEVERE, ERROR", "WARNING, WARN", "INFO, INFO", "CONFIG, INFO", "FINE, DEBUG", "FINER, TRACE",
        "FINEST, TRACE"})
    void levels_areLambdasNames(String julLevel, String lambdaLevel) {
        assertThat(JsonLogFormatter.lambdaLevel(Level.parse(julLevel))).isEqualTo(lambdaLevel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "json"})
    void functionWithTheJsonLogFormat_logsJson(String format) {
        assertThat(Logging.formatterFor(new Environment(Map.of("AWS_LAMBDA_LOG_FORMAT", format)), ONE_LINE))
                .containsInstanceOf(JsonLogFormatter.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Text", ""})
    void functionWithTheTextLogFormat_keepsTheOneLineText(String format) {
        assertThat(Logging.formatterFor(new Environment(Map.of("AWS_LAMBDA_LOG_FORMAT", format)), ONE_LINE))
                .containsInstanceOf(TextLogFormatter.class);
        assertThat(Logging.formatterFor(new Environment(Map.of()), ONE_LINE)).containsInstanceOf(TextLogFormatter.class);
    }

    @Test
    void anotherConfiguredTextFormat_keepsTheJdksFormatter() {
        assertThat(Logging.formatterFor(new Environment(Map.of()), "%1$tc %4$s %5$s%n")).isEmpty();
    }
}
