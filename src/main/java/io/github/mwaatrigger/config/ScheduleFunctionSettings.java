package io.github.mwaatrigger.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The schedule function's settings, parsed once at start-up: the shared {@link Settings}, and the DAG a
 * schedule starts when its input names none ({@code DAG_ID}, optional: every schedule may name its own).
 *
 * @param mwaa         the MWAA environment and how to reach it
 * @param defaultDagId the DAG of a schedule whose input names none
 */
public record ScheduleFunctionSettings(Settings mwaa, Optional<String> defaultDagId) {

    public ScheduleFunctionSettings {
        Objects.requireNonNull(mwaa, "mwaa");
        Objects.requireNonNull(defaultDagId, "defaultDagId");
    }

    /**
     * The settings {@code environment} gives, with the AWS endpoint system properties from {@code properties}.
     *
     * @throws ConfigurationException naming the first missing or malformed setting, {@code DAG_ID} included
     */
    public static ScheduleFunctionSettings from(Environment environment, Properties properties) {
        return new ScheduleFunctionSettings(Settings.from(environment, properties), DagIdSetting.from(environment));
    }
}
