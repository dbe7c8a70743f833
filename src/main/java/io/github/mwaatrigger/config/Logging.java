package io.github.mwaatrigger.config;

import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging set-up for every entry point. Everything logs through {@code java.util.logging} (the project's
 * {@code System.Logger}s and, through slf4j-jdk14, the AWS SDK), one line per record.
 */
public final class Logging {

    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String ONE_LINE = "%4$s %3$s - %5$s%6$s%n";
    /** The variable in which Lambda passes the function's log format ({@code Text} or {@code JSON}). */
    static final String LAMBDA_LOG_FORMAT = "AWS_LAMBDA_LOG_FORMAT";

    private Logging() {
    }

    /**
     * Logging as a Lambda function wants it (records from INFO up, one line each, to stderr, which Lambda
     * sends to CloudWatch Logs; one JSON object each when the function's log format is JSON); returns the
     * process environment, for the function's no-argument constructor to read its settings from.
     */
    public static Environment forLambda() {
        Environment environment = Environment.system();
        configure(Level.INFO);
        formatterFor(environment, System.getProperty(FORMAT_PROPERTY)).ifPresent(formatter -> {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setFormatter(formatter);
            }
        });
        return environment;
    }

    /**
     * The formatter a function's records need in {@code environment}: {@link JsonLogFormatter} when Lambda
     * says the log format is JSON, otherwise {@link TextLogFormatter}, which prints the one-line text with less
     * work, unless {@code simpleFormat}, the {@code SimpleFormatter} format configured, is another (then none: the JDK's
     * formatter). The level stays INFO whatever the
     * function's application log level: the JDK's HTTP client logs request headers, the CLI token among them,
     * at FINE.
     */
    static Optional<Formatter> formatterFor(Environment environment, String simpleFormat) {
        if (environment.get(LAMBDA_LOG_FORMAT).filter(format -> format.equalsIgnoreCase("JSON")).isPresent()) {
            return Optional.of(new JsonLogFormatter());
        }
        return ONE_LINE.equals(simpleFormat) ? Optional.of(new TextLogFormatter())
                : Optional.empty();
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
