package io.github.mwaatrigger.api;

import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.uploads.GlobPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The DAGs the API may trigger and read: {@code API_ALLOWED_DAGS}, comma-separated globs over DAG ids
 * ({@code *} any characters, {@code ?} one, as in {@link GlobPattern}: DAG ids hold no {@code /}), e.g.
 * {@code etl_*,report_daily}. Everything else is refused before MWAA is asked anything, so the API reveals
 * nothing about other DAGs.
 */
public final class AllowedDags {

    public static final String VARIABLE = "API_ALLOWED_DAGS";
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]+");

    private final List<GlobPattern> patterns;

    private AllowedDags(List<GlobPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** @throws ConfigurationException if the variable is not set or holds something that is not a glob */
    public static AllowedDags fromEnvironment(Environment environment) {
        return parse(environment.require(VARIABLE, "set it to the DAG ids the API may trigger, as comma-separated "
                + "globs such as etl_*,report_daily"));
    }

    public static AllowedDags parse(String globs) {
        List<GlobPattern> patterns = new ArrayList<>();
        for (String glob : globs.split(",")) {
            String trimmed = glob.strip();
            if (!GLOB.matcher(trimmed).matches()) {
                throw new ConfigurationException(VARIABLE + " entry '" + trimmed + "' is not a DAG id glob: use letters, "
                        + "digits, '_', '.', '-', and the wildcards '*' and '?'");
            }
            patterns.add(GlobPattern.compile(trimmed));
        }
        return new AllowedDags(patterns);
    }

    public boolean allows(String dagId) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(dagId));
    }
}
