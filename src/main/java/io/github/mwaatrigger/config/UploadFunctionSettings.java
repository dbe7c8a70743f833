package io.github.mwaatrigger.config;

import io.github.mwaatrigger.uploads.DagRoutes;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The upload function's settings, parsed once at start-up: the shared {@link Settings}, and which DAG
 * each uploaded object starts.
 *
 * <table>
 *   <caption>Environment variables, beside those of {@link Settings}</caption>
 *   <tr><td>{@code S3_DAG_ROUTES}</td><td>comma-separated {@code GLOB=DAG_ID} rules, the first match
 *       wins; objects that match none are skipped</td></tr>
 *   <tr><td>{@code DAG_ID}</td><td>the DAG every object starts, when {@code S3_DAG_ROUTES} is not set</td></tr>
 * </table>
 *
 * @param mwaa   the MWAA environment and how to reach it
 * @param routes which DAG each object starts
 */
public record UploadFunctionSettings(Settings mwaa, DagRoutes routes) {

    static final String DAG_ROUTES = "S3_DAG_ROUTES";

    public UploadFunctionSettings {
        Objects.requireNonNull(mwaa, "mwaa");
        Objects.requireNonNull(routes, "routes");
    }

    /**
     * The settings {@code environment} gives, with the AWS endpoint system properties from {@code properties}.
     *
     * @throws ConfigurationException naming the first missing or malformed setting
     */
    public static UploadFunctionSettings from(Environment environment, Properties properties) {
        return new UploadFunctionSettings(Settings.from(environment, properties), routes(environment));
    }

    /**
     * How many objects of one event are triggered at once: as many CLI commands as the process may send at
     * once ({@code MWAA_MAX_CONCURRENT_CLI_CALLS}), so that an event of many objects keeps every slot busy
     * and none waits for a slot.
     */
    public int concurrentTriggers() {
        return mwaa.maxConcurrentCliCalls();
    }

    /** The rules of {@code S3_DAG_ROUTES} if it is set (then {@code DAG_ID} is not read), else {@code DAG_ID}. */
    private static DagRoutes routes(Environment environment) {
        Optional<String> rules = environment.get(DAG_ROUTES);
        if (rules.isPresent()) {
            return SettingParser.parse(DAG_ROUTES, rules.get(), DagRoutes::parse);
        }
        String dagId = DagIdSetting.from(environment).orElseThrow(() -> new ConfigurationException(DagIdSetting.NAME
                + " is not set: set it to the DAG every upload starts, or set " + DAG_ROUTES + " to rules such as "
                + "'incoming/**/*.csv=load_csv,reports/*=build_report'"));
        return DagRoutes.everyObjectTo(dagId);
    }
}
