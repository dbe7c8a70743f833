package io.github.mwaatrigger.config;

import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Log records as Lambda's JSON log format wants what a function prints: one JSON object per line, with
 * {@code timestamp} (RFC 3339), {@code level} in Lambda's names (so that the function's application log
 * level filters them), {@code logger}, {@code message}, and a stack trace as one {@code stackTrace} string
 * rather than one log event per line.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonObject.Builder line = JsonObject.builder()
                .put("timestamp", record.getInstant().toString())
                .put("level", lambdaLevel(record.getLevel()))
                .put("logger", String.valueOf(record.getLoggerName()))
                .put("message", String.valueOf(formatMessage(record)));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        return JsonWriter.compact().write(line.build()) + System.lineSeparator();
    }

    /** The Lambda log level (TRACE, DEBUG, INFO, WARN, ERROR) of a {@code java.util.logging} level. */
    static String lambdaLevel(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.CONFIG.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
