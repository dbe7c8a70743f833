package io.github.mwaatrigger.schedules;

import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.trigger.DagRunRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * One firing of a schedule: which DAG to run, with which conf, for which schedule and scheduled time.
 *
 * @param dagId         the DAG to run
 * @param conf          the conf given in the schedule's input ({@code {}} if none)
 * @param scheduledTime the time the schedule fired for (the same on every retry of this firing)
 * @param scheduleArn   the EventBridge rule or Scheduler schedule
 */
public record ScheduledInvocation(String dagId, JsonObject conf, Instant scheduledTime, String scheduleArn) {

    public ScheduledInvocation {
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        Objects.requireNonNull(scheduleArn, "scheduleArn");
    }

    /**
     * The DAG run for this firing: the run id comes from the schedule and the scheduled time, so retried
     * or duplicated deliveries of the firing make one run; the conf is the input's conf with
     * {@code scheduled_time} and {@code schedule_arn} added.
     */
    public DagRunRequest toRequest() {
        JsonObject.Builder runConf = JsonObject.builder();
        conf.members().forEach((name, value) -> {
            if (!name.equals("scheduled_time") && !name.equals("schedule_arn")) {
                runConf.put(name, value);
            }
        });
        runConf.put("scheduled_time", scheduledTime.toString()).put("schedule_arn", scheduleArn);
        return DagRunRequest.of(dagId, ScheduleRunIds.runIdFor(scheduleArn, scheduledTime), runConf.build());
    }
}
