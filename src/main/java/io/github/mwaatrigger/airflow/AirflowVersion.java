package io.github.mwaatrigger.airflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Apache Airflow version as MWAA reports it ({@code 2.10.3}, {@code 1.10.12}, {@code 3.0.6}). Only the
 * numeric release counts: suffixes such as {@code rc1} or {@code +amzn} are ignored.
 */
public record AirflowVersion(int major, int minor, int patch) implements Comparable<AirflowVersion> {

    private static final Pattern FORMAT = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?(?:[.+-]?[A-Za-z0-9.+-]*)?");

    public AirflowVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers cannot be negative");
        }
    }

    /**
     * Parses {@code 2.10.3} or {@code 2.10}.
     *
     * @throws IllegalArgumentException if the text is not a version number
     */
    public static AirflowVersion parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an Airflow version such as 2.10.3");
        }
        int patch = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return new AirflowVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), patch);
    }

    public static AirflowVersion of(int major, int minor, int patch) {
        return new AirflowVersion(major, minor, patch);
    }

    public boolean isAtLeast(int major, int minor, int patch) {
        return compareTo(new AirflowVersion(major, minor, patch)) >= 0;
    }

    @Override
    public int compareTo(AirflowVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
