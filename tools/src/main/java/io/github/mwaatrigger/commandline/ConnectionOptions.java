package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.mwaa.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The options every subcommand that talks to MWAA takes: they override the environment variables of
 * the same meaning.
 */
final class ConnectionOptions {

    static final Set<String> NAMES = Set.of("--environment", "--airflow-version", "--region", "--timeout");
    static final String USAGE = "[--environment NAME] [--airflow-version VERSION|auto] [--region REGION] "
            + "[--timeout SECONDS]";
    /** The option that chooses the transport ({@code MWAA_TRANSPORT}), for the subcommands that start or read runs. */
    static final String TRANSPORT = "--transport";
    static final String TRANSPORT_USAGE = "[--transport cli|rest]";
    private static final int DEFAULT_TIMEOUT_SECONDS = 120;

    private ConnectionOptions() {
    }

    /** The settings from the environment, with the options on top. */
    static Settings settings(Arguments arguments, Environment environment) throws UsageException {
        Environment effective = environment;
        effective = override(arguments, "--environment", Settings.ENVIRONMENT_NAME, effective);
        effective = override(arguments, "--airflow-version", Settings.AIRFLOW_VERSION, effective);
        effective = override(arguments, "--region", Settings.REGION, effective);
        if (transport(arguments).isPresent()) {
            effective = effective.with(Settings.TRANSPORT, transport(arguments).get().value());
        }
        try {
            return Settings.from(effective, System.getProperties());
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage() + flagFor(e.getMessage()).map(flag -> " (or pass " + flag + ")")
                    .orElse(""));
        }
    }

    /**
     * The transport {@code --transport} names, if given.
     *
     * @throws UsageException if it names none
     */
    static Optional<Transport> transport(Arguments arguments) throws UsageException {
        Optional<String> value = arguments.option(TRANSPORT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Transport.parse(value.get()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(TRANSPORT + " " + e.getMessage());
        }
    }

    /** The deadline for the whole command: {@code --timeout} seconds, 120 by default. */
    static Deadline deadline(Arguments arguments) throws UsageException {
        int seconds = arguments.intOption("--timeout", 1, 3600).orElse(DEFAULT_TIMEOUT_SECONDS);
        return Deadline.after(Duration.ofSeconds(seconds));
    }

    private static Environment override(Arguments arguments, String option, String variable, Environment environment) {
        return arguments.option(option).map(value -> environment.with(variable, value)).orElse(environment);
    }

    /** The option that sets what {@code message} complains about, if there is one. */
    private static Optional<String> flagFor(String message) {
        if (message.startsWith(Settings.AIRFLOW_VERSION)) {
            return Optional.of("--airflow-version");
        }
        if (message.startsWith(Settings.REGION)) {
            return Optional.of("--region");
        }
        if (message.startsWith(Settings.TRANSPORT)) {
            return Optional.of(TRANSPORT);
        }
        return message.startsWith(Settings.ENVIRONMENT_NAME) ? Optional.of("--environment") : Optional.empty();
    }
}
