package io.github.mwaatrigger.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text formatter prints what the JDK's formatter prints with the one-line format, with less work. */
class TextLogFormatterTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void printsWhatSimpleFormatterPrintsWithTheOneLineFormat(boolean withThrowable) {
        LogRecord record = new LogRecord(Level.WARNING, "request {0}: DAG {1} run {2}: {3}");
        record.setLoggerName("io.github.mwaatrigger.api.DagRunsApi");
        record.setParameters(new Object[] {"req-1", "example_dag", "run_1", "CREATED"});
        if (withThrowable) {
            record.setThrown(new IllegalStateException("boom"));
        }
        String previous = System.getProperty("java.util.logging.SimpleFormatter.format");
        Locale locale = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            String line = new TextLogFormatter().format(record);

            assertThat(line).startsWith("WARNING io.github.mwaatrigger.api.DagRunsApi - request req-1: DAG example_dag "
                    + "run run_1: CREATED");
            assertThat(line).isEqualTo(oneLine().format(record));
        } finally {
            Locale.setDefault(locale);
        }
    }

    /** SimpleFormatter reads its format when its class loads, so a subclass-free copy is made per format here. */
    private static java.util.logging.Formatter oneLine() {
        return new java.util.logging.Formatter() {
            @Override
            public String format(LogRecord record) {
                String throwable = "";
                if (record.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    java.io.PrintWriter writer = new java.io.PrintWriter(trace);
                    writer.println();
                    record.getThrown().printStackTrace(writer);
                    writer.close();
                    throwable = trace.toString();
                }
                return String.format("%4$s %3$s - %5$s%6$s%n", null, null, record.getLoggerName(),
                        record.getLevel().getLocalizedName(), formatMessage(record), throwable);
            }
        };
    }
}
