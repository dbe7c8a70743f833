package io.github.mwaatrigger.schedules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Run ids for schedule firings: {@code eventbridge__<schedule name>_<hash>__<scheduled time>}, e.g.
 * {@code eventbridge__nightly-report_1a2b3c4d__20240601T020000Z}. They depend only on the schedule's ARN
 * and the scheduled time, never on the per-attempt execution id or event id, so that every delivery of
 * one firing names the same run. The name (the ARN's last segment, sanitized, at most 64 characters) is
 * for people; the hash (32 bits of SHA-256 of the ARN) tells apart schedules with the same name in other
 * groups, regions or accounts.
 */
public final class ScheduleRunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_NAME_LENGTH = 64;

    private ScheduleRunIds() {
    }

    public static String runIdFor(String scheduleArn, Instant scheduledTime) {
        return "eventbridge__" + name(scheduleArn) + "_" + HexFormat.of().formatHex(sha256(scheduleArn), 0, 4) + "__"
                + STAMP.format(scheduledTime);
    }

    private static String name(String arn) {
        String last = arn.substring(arn.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < last.length() && out.length() < MAX_NAME_LENGTH; i++) {
            char c = last.charAt(i);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            out.append(safe ? c : '_');
        }
        return out.length() == 0 ? "schedule" : out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
