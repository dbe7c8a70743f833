package io.github.mwaatrigger.config;

/**
 * A setting is missing or malformed. The message names the setting and says what a valid value looks
 * like; start-up stops.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
        super(message);
    }

    ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
