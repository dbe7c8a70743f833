package io.github.mwaatrigger.config;

import io.github.mwaatrigger.api.AllowedDags;
import java.util.Objects;
import java.util.Properties;

/**
 * The API function's settings, parsed once at start-up: the shared {@link Settings}, and the DAGs the
 * API may reach ({@code API_ALLOWED_DAGS}, required: an API that reaches every DAG must say so with
 * {@code *}).
 *
 * @param mwaa    the MWAA environment and how to reach it
 * @param allowed the DAGs the API may trigger and read
 */
public record ApiFunctionSettings(Settings mwaa, AllowedDags allowed) {

    /** Comma-separated globs over the DAG ids the API may reach. */
    public static final String ALLOWED_DAGS = "API_ALLOWED_DAGS";

    public ApiFunctionSettings {
        Objects.requireNonNull(mwaa, "mwaa");
        Objects.requireNonNull(allowed, "allowed");
    }

    /**
     * The settings {@code environment} gives, with the AWS endpoint system properties from {@code properties}.
     *
     * @throws ConfigurationException naming the first missing or malformed setting
     */
    public static ApiFunctionSettings from(Environment environment, Properties properties) {
        Settings mwaa = Settings.from(environment, properties);
        String globs = environment.require(ALLOWED_DAGS, "set it to the DAG ids the API may trigger, as "
                + "comma-separated globs such as etl_*,report_daily");
        return new ApiFunctionSettings(mwaa, SettingParser.parse(ALLOWED_DAGS, globs, AllowedDags::parse));
    }
}
