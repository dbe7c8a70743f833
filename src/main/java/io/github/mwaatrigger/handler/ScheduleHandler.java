package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.mwaatrigger.config.Logging;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.observability.TriggerLog;
import io.github.mwaatrigger.schedules.ScheduleEvents;
import io.github.mwaatrigger.schedules.ScheduledInvocation;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.InvalidDagRunRequestException;
import io.github.mwaatrigger.trigger.TriggerResult;
import io.github.mwaatrigger.trigger.DagRuns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lambda function for EventBridge schedules ("cron fires, DAG runs"). It takes the raw event, because a
 * schedule delivers either the classic "Scheduled Event" envelope or an EventBridge Scheduler input
 * document (see {@link ScheduleEvents}), and conf must reach Airflow exactly as given. It answers with
 * the DAG run as JSON and fails the invocation (so that it is retried, then parked) when the run could
 * not be made.
 */
public final class ScheduleHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(ScheduleHandler.class.getName());

    private final DagRuns triggers;
    private final TriggerLog triggerLog;
    private final Optional<String> defaultDagId;
    private final Clock clock;
    private final SnapStartPriming priming;

    /** For the Lambda runtime: configuration from the environment, MWAA through the AWS SDK, SnapStart priming. */
    public ScheduleHandler() {
        this(ScheduleFunctionSettings.from(Logging.forLambda(), System.getProperties()), MwaaServices::create,
                Clock.systemUTC());
        priming.register();
    }

    /**
     * For tools and tests, which choose how MWAA is reached (the emulator, an in-memory Airflow) and the
     * clock; SnapStart priming is not registered.
     */
    public ScheduleHandler(ScheduleFunctionSettings settings, Function<Settings, MwaaServices> services, Clock clock) {
        MwaaServices mwaa = services.apply(settings.mwaa());
        this.defaultDagId = settings.defaultDagId();
        this.triggers = mwaa.dagRuns();
        this.triggerLog = new TriggerLog(mwaa.attempts(), clock);
        this.clock = clock;
        this.priming = new SnapStartPriming(mwaa, ScheduleHandler::primeSchedulePath);
    }

    /** The schedule path up to the trigger, on a made-up Scheduler input: parsing, run id and conf. */
    private static void primeSchedulePath() {
        ScheduleEvents.parse(Json.parseObject("{\"scheduled_time\": \"2024-01-01T00:00:00Z\", \"schedule_arn\": "
                + "\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/priming\"}", "priming event"),
                Optional.of("priming_dag")).toRequest();
    }

    /** The SnapStart priming this function registers. */
    SnapStartPriming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event;
        try {
            event = Json.parseObject(new String(input.readAllBytes(), StandardCharsets.UTF_8), "the schedule event");
        } catch (JsonParseException e) {
            throw new InvalidDagRunRequestException("the schedule event is not a JSON object: " + e.getMessage(), e);
        }
        ScheduledInvocation invocation = ScheduleEvents.parse(event, defaultDagId);
        DagRunRequest request = invocation.toRequest();
        TriggerResult result = triggerLog.forInvocation(context).record(request,
                () -> triggers.trigger(request, LambdaDeadline.of(context, clock)));
        LOG.log(Level.INFO, "schedule {0} at {1} -> DAG {2} run {3}: {4}", invocation.scheduleArn(),
                invocation.scheduledTime(), result.run().dagId(), result.run().runId(), result.outcome());
        output.write(JsonWriter.compact().write(result.toJson()).getBytes(StandardCharsets.UTF_8));
    }
}
