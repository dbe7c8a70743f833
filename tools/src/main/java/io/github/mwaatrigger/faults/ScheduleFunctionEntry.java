package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.faults.Attempt.Kind;
import io.github.mwaatrigger.handler.ScheduleHandler;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code ScheduleFunction} with {@code events/schedule-scheduler.json}; variants fire a minute apart. */
final class ScheduleFunctionEntry extends FunctionEntry {

    private static final String SCHEDULED_TIME = "2024-06-01T02:00:00Z";

    ScheduleFunctionEntry(SamTemplate template, Path events) throws IOException {
        super(template, "ScheduleFunction", events.resolve("schedule-scheduler.json"));
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public SuiteEvent event(int index) {
        String time = Instant.parse(SCHEDULED_TIME).plus(Duration.ofMinutes(index)).toString();
        String payload = index == 0 ? sample() : sampleWith(SCHEDULED_TIME, time);
        return new SuiteEvent(payload, "scheduled_time", "\"" + time + "\"");
    }

    @Override
    Object handler(Environment environment) {
        return new ScheduleHandler(ScheduleFunctionSettings.from(environment, System.getProperties()),
                MwaaServices::create, Clock.systemUTC());
    }

    @Override
    Attempt answer(Object result) {
        return new Attempt(Kind.SUCCEEDED, Json.parseObject(String.valueOf(result), "the schedule function's answer")
                .string("outcome").orElse(String.valueOf(result)));
    }
}
