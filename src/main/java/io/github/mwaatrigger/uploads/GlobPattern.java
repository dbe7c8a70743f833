package io.github.mwaatrigger.uploads;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over object keys (or DAG ids, which hold no {@code /}): {@code *} matches within one path
 * segment, {@code **} across segments ({@code **}{@code /} also matches no directory at all), {@code ?}
 * one character other than {@code /}; everything else matches itself. A glob matches whole strings only.
 */
public final class GlobPattern {

    private final String glob;
    private final Pattern regex;

    private GlobPattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    public static GlobPattern compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                int next = nextWildcard(glob, i);
                regex.append(Pattern.quote(glob.substring(i, next)));
                i = next;
            }
        }
        return new GlobPattern(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    private static int nextWildcard(String glob, int from) {
        int i = from;
        while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        return glob;
    }
}
