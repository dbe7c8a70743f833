package io.github.mwaatrigger.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Building blocks for the run ids mwaa-trigger makes up. Every id built from them is valid for every
 * Airflow version (only {@code A-Z a-z 0-9 _ . -}, no {@code ..}, at most 250 characters) and starts with a
 * prefix of ours, never with one of Airflow's ({@code manual__}, {@code scheduled__}...).
 */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** A new, unique run id for a one-off trigger from the command line: {@code cli__20240601T120000Z_3f9a0c1b2d4e}. */
    public static String unique() {
        return unique("cli", Clock.systemUTC());
    }

    /**
     * A new, unique run id: {@code <prefix>__<UTC time>_<48 random bits>}. The bits come from a new
     * {@link SecureRandom} each time, so that execution environments restored from one SnapStart snapshot
     * never share a random sequence.
     */
    public static String unique(String prefix, Clock clock) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return prefix + "__" + stamp(clock.instant()) + "_" + HexFormat.of().formatHex(random);
    }

    /** {@code instant} to the second, for an id: {@code 20240601T020000Z}. */
    public static String stamp(Instant instant) {
        return STAMP.format(instant);
    }

    /**
     * {@code text} made safe for a run id, for people to read, keeping its dots (a file name such as
     * {@code report.csv}): at most {@code maxLength} characters, each outside {@code A-Z a-z 0-9 _ -} (and
     * {@code .}, unless it would make {@code ..}) written as {@code _}; {@code fallback} if that leaves nothing.
     */
    public static String readable(String text, int maxLength, String fallback) {
        return readable(text, maxLength, true, fallback);
    }

    /** As {@link #readable}, but every {@code .} written as {@code _} too (names, keys: not file names). */
    public static String readableWithoutDots(String text, int maxLength, String fallback) {
        return readable(text, maxLength, false, fallback);
    }

    private static String readable(String text, int maxLength, boolean keepDots, String fallback) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < maxLength; i++) {
            char c = text.charAt(i);
            boolean dot = keepDots && c == '.' && (out.length() == 0 || out.charAt(out.length() - 1) != '.');
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || dot;
            out.append(safe ? c : '_');
        }
        return out.isEmpty() ? fallback : out.toString();
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code identity}, in hex: the part of an id that identifies. */
    public static String digest(String identity, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
