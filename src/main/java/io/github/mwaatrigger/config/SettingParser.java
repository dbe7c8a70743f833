package io.github.mwaatrigger.config;

import io.github.mwaatrigger.airflow.InvalidAirflowIdException;
import java.util.function.Function;

/**
 * Reads a setting with the parser of the package that uses it. Those parsers know the value's grammar but
 * not where it came from; their refusals become a {@link ConfigurationException} that names the setting.
 */
final class SettingParser {

    private SettingParser() {
    }

    /**
     * {@code value}, the value of setting {@code name}, as {@code parser} reads it.
     *
     * @throws ConfigurationException if the parser refuses the value: a refused id reads
     *         {@code NAME: 'x y' is not a valid DAG id...}; any other refusal, worded to follow the name,
     *         {@code NAME rule 'x' is not GLOB=DAG_ID...}
     */
    static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (InvalidAirflowIdException e) {
            throw new ConfigurationException(name + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name + " " + e.getMessage(), e);
        }
    }
}
