package io.github.mwaatrigger.uploads;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over object keys: {@code *} matches within one path segment, {@code **} across segments
 * ({@code **}{@code /} also matches no directory at all), {@code ?} one character other than {@code /};
 * everything else matches itself.
 */
public record GlobPattern(String glob, Pattern regex) {

    public GlobPattern {
        Objects.requireNonNull(glob, "glob");
        Objects.requireNonNull(regex, "regex");
    }

    public static GlobPattern compile(String glob) {
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

    public boolean matches(String key) {
        return regex.matcher(key).matches();
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
