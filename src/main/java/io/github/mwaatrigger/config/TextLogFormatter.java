package io.github.mwaatrigger.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * A function's records in Lambda's text log format: {@code LEVEL logger - message}, one line each, and a stack
 * trace after it, as the JDK's {@code SimpleFormatter} prints them with the format {@link Logging} sets
 * ({@code %4$s %3$s - %5$s%6$s%n}). Unlike it, it neither finds the calling class and method (a walk of the stack)
 * nor formats a date nor looks the level's name up in a resource bundle, none of which the line shows: on a
 * function's first invocation that is about 60 classes fewer to load. The level is its plain name (the JDK's
 * English names are the same).
 */
public final class TextLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(" - ").append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            PrintWriter writer = new PrintWriter(trace);
            writer.println();
            record.getThrown().printStackTrace(writer);
            writer.flush();
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }
}
