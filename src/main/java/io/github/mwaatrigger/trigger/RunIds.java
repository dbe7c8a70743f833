package io.github.mwaatrigger.trigger;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids that mwaa-trigger makes up. Every one is valid for every Airflow line (only
 * {@code A-Z a-z 0-9 _ . -}, no {@code ..}, at most 250 characters) and starts with a prefix of ours, never
 * with one of Airflow's ({@code manual__}, {@code scheduled__}...).
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

    /** A new, unique run id: {@code <prefix>__<UTC time>_<48 random bits>}. */
    public static String unique(String prefix, Clock clock) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "__" + STAMP.format(clock.instant()) + "_" + HexFormat.of().formatHex(random);
    }
}
