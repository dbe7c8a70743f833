package io.github.mwaatrigger.schedules;

import io.github.mwaatrigger.trigger.RunIds;
import java.time.Instant;

/**
 * Run ids for schedule firings: {@code eventbridge__<schedule name>_<hash>__<scheduled time>}, e.g.
 * {@code eventbridge__nightly-report_1a2b3c4d__20240601T020000Z}. They depend only on the schedule's ARN
 * and the scheduled time, never on the per-attempt execution id or event id, so that every delivery of
 * one firing names the same run. The name (the ARN's last segment, sanitized, at most 64 characters) is
 * for people; the hash (32 bits of SHA-256 of the ARN) tells apart schedules with the same name in other
 * groups, regions or accounts.
 */
final class ScheduleRunIds {

    private static final int MAX_NAME_LENGTH = 64;

    private ScheduleRunIds() {
    }

    static String runIdFor(String scheduleArn, Instant scheduledTime) {
        String name = RunIds.readableWithoutDots(scheduleArn.substring(scheduleArn.lastIndexOf('/') + 1),
                MAX_NAME_LENGTH, "schedule");
        return "eventbridge__" + name + "_" + RunIds.digest(scheduleArn, 4) + "__" + RunIds.stamp(scheduledTime);
    }
}
