package io.github.mwaatrigger.config;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging set-up for every entry point. Everything logs through {@code java.util.logging} (the project's
 * {@code System.Logger}s and, through slf4j-jdk14, the AWS SDK), one line per record.
 */
public final class Logging {

    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String ONE_LINE = "%4$s %3$s - %5$s%6$s%n";

    private Logging() {
    }

    /**
     * Logging as a Lambda function wants it (records from INFO up, one line each, to stderr, which Lambda
     * sends to CloudWatch Logs); returns the process environment, for the function's no-argument
     * constructor to read its settings from.
     */
    public static Environment forLambda() {
        configure(Level.INFO);
        return Environment.system();
    }

    /**
     * One line per record ({@code LEVEL logger - message}), unless a format is configured, and records
     * from {@code level} up. Call before the first log record.
     */
    public static void configure(Level level) {
        if (System.getProperty(FORMAT_PROPERTY) == null) {
            System.setProperty(FORMAT_PROPERTY, ONE_LINE);
        }
        Logger.getLogger("").setLevel(level);
    }
}
