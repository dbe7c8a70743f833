package io.github.mwaatrigger.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named settings as given, from environment variables (and, for the AWS endpoint settings, Java system
 * properties). A value that is only white space counts as not set.
 */
public record Environment(Map<String, String> variables) {

    public Environment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    /** The process environment. */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The value of {@code name}, or a {@link ConfigurationException} saying what to set it to. */
    String require(String name, String whatToSet) {
        return get(name).orElseThrow(() -> new ConfigurationException(name + " is not set: " + whatToSet));
    }

    /** This environment with {@code name} set to {@code value} (a command-line flag overriding a variable). */
    public Environment with(String name, String value) {
        java.util.HashMap<String, String> copy = new java.util.HashMap<>(variables);
        copy.put(name, value);
        return new Environment(copy);
    }
}
