package io.github.mwaatrigger.api;

import io.github.mwaatrigger.uploads.GlobPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The DAGs the API may trigger and read: comma-separated globs over DAG ids ({@code *} any characters,
 * {@code ?} one, as in {@link GlobPattern}: DAG ids hold no {@code /}), e.g. {@code etl_*,report_daily}.
 * Everything else is refused before MWAA is asked anything, so the API reveals nothing about other DAGs.
 */
public final class AllowedDags {

    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]+");

    private final List<GlobPattern> patterns;

    private AllowedDags(List<GlobPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses {@code GLOB[,GLOB...]}.
     *
     * @throws IllegalArgumentException if an entry is not a DAG id glob; the message starts with
     *                                  {@code entry '...'}, to follow the name of the setting it came from
     */
    public static AllowedDags parse(String globs) {
        List<GlobPattern> patterns = new ArrayList<>();
        for (String glob : globs.split(",")) {
            String trimmed = glob.strip();
            if (!GLOB.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("entry '" + trimmed + "' is not a DAG id glob: use letters, digits, "
                        + "'_', '.', '-', and the wildcards '*' and '?'");
            }
            patterns.add(GlobPattern.compile(trimmed));
        }
        return new AllowedDags(patterns);
    }

    boolean allows(String dagId) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(dagId));
    }
}
