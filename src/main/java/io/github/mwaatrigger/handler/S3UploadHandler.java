package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.mwaatrigger.config.Logging;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.observability.TriggerLog;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.uploads.DagRoutes;
import io.github.mwaatrigger.uploads.ObjectUpload;
import io.github.mwaatrigger.uploads.UploadRunIds;
import io.github.mwaatrigger.uploads.UploadTriggers;
import io.github.mwaatrigger.uploads.UploadTriggers.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lambda function for created objects: each object starts the DAG its key is routed to ({@code S3_DAG_ROUTES},
 * or {@code DAG_ID}). It takes the raw event, because objects arrive as S3 notifications from the stack's
 * bucket and as EventBridge {@code Object Created} events from buckets it does not own (see
 * {@link UploadEvents}); both give the same run id for the same object version, so a bucket that sends both
 * starts one run. The {@code s3:TestEvent} S3 sends when notifications are configured is ignored. The objects
 * of one event are triggered side by side, up to {@code MWAA_MAX_CONCURRENT_CLI_CALLS} at once. If any
 * object could not be triggered, the invocation fails after all were tried; an event of another shape fails
 * it before anything is triggered.
 */
public final class S3UploadHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(S3UploadHandler.class.getName());

    private final UploadTriggers uploads;
    private final TriggerLog triggerLog;
    private final Clock clock;
    private final SnapStartPriming priming;

    /** For the Lambda runtime: configuration from the environment, MWAA through the AWS SDK, SnapStart priming. */
    public S3UploadHandler() {
        this(UploadFunctionSettings.from(Logging.forLambda(), System.getProperties()), MwaaServices::create,
                Clock.systemUTC());
        priming.register();
    }

    /**
     * For tools and tests, which choose how MWAA is reached (the emulator, an in-memory Airflow) and the
     * clock; SnapStart priming is not registered.
     */
    public S3UploadHandler(UploadFunctionSettings settings, Function<Settings, MwaaServices> services, Clock clock) {
        MwaaServices mwaa = services.apply(settings.mwaa());
        this.uploads = new UploadTriggers(mwaa.dagRuns(), settings.routes(), settings.concurrentTriggers());
        this.triggerLog = new TriggerLog(mwaa.attempts(), clock);
        this.clock = clock;
        this.priming = new SnapStartPriming(mwaa, () -> primeUploadPath(settings.routes()));
    }

    /**
     * The upload path up to the trigger, on a made-up event of each shape: parsing, decoding, routing, run id
     * and conf.
     */
    private static void primeUploadPath(DagRoutes routes) {
        List<String> events = List.of("{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"eventTime\": "
                + "\"2024-01-01T00:00:00.000Z\", \"awsRegion\": \"us-east-1\", \"s3\": {\"bucket\": {\"name\": "
                + "\"priming-bucket\"}, \"object\": {\"key\": \"incoming/priming+file.csv\", \"size\": 1, "
                + "\"eTag\": \"etag\", \"sequencer\": \"01\"}}}]}",
                "{\"source\": \"aws.s3\", \"detail-type\": \"Object Created\", \"time\": \"2024-01-01T00:00:00Z\", "
                + "\"region\": \"us-east-1\", \"detail\": {\"bucket\": {\"name\": \"priming-bucket\"}, "
                + "\"object\": {\"key\": \"incoming/priming+file.csv\", \"size\": 1, \"etag\": \"etag\", "
                + "\"sequencer\": \"01\"}, \"reason\": \"PutObject\"}}");
        for (String event : events) {
            for (ObjectUpload upload : UploadEvents.read(event).uploads()) {
                routes.dagFor(upload.key());
                UploadRunIds.runIdFor(upload);
                UploadTriggers.conf(upload);
            }
        }
    }

    /** The SnapStart priming this function registers. */
    SnapStartPriming priming() {
        return priming;
    }

    /**
     * Writes a one-line summary as a JSON string, e.g. {@code "2 objects: 1 created, 1 already existed, 0 unrouted,
     * 0 failed"}.
     *
     * @throws UploadBatchFailedException       if any object could not be triggered
     * @throws UnrecognizedUploadEventException if the event is neither an S3 notification nor an
     *                                          {@code Object Created} event
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String summary = handle(UploadEvents.read(new String(input.readAllBytes(), StandardCharsets.UTF_8)), context);
        output.write(JsonWriter.compact().write(new JsonString(summary)).getBytes(StandardCharsets.UTF_8));
    }

    private String handle(UploadBatch records, Context context) {
        if (records.uploads().isEmpty() && records.unreadable().isEmpty()) {
            LOG.log(Level.INFO, "an S3 event without objects (such as s3:TestEvent): nothing to trigger");
            return "0 objects";
        }
        List<Outcome> outcomes = uploads.triggerAll(records.uploads(), LambdaDeadline.of(context, clock),
                triggerLog.forInvocation(context));
        List<String> failures = new ArrayList<>(records.unreadable());
        outcomes.stream().filter(Outcome.Failed.class::isInstance).map(Outcome.Failed.class::cast)
                .forEach(failed -> failures.add(failed.upload().location() + ": " + failed.failure().getMessage()));
        String summary = summary(outcomes, records.unreadable().size());
        if (!failures.isEmpty()) {
            throw new UploadBatchFailedException(summary + ". Failed: " + String.join("; ", failures));
        }
        LOG.log(Level.INFO, summary);
        return summary;
    }

    private static String summary(List<Outcome> outcomes, int unreadable) {
        long created = count(outcomes, TriggerOutcome.CREATED);
        long existed = count(outcomes, TriggerOutcome.ALREADY_EXISTED);
        long unrouted = outcomes.stream().filter(Outcome.Unrouted.class::isInstance).count();
        long failed = outcomes.stream().filter(Outcome.Failed.class::isInstance).count() + unreadable;
        return (outcomes.size() + unreadable) + " objects: " + created + " created, " + existed + " already existed, "
                + unrouted + " unrouted, " + failed + " failed";
    }

    private static long count(List<Outcome> outcomes, TriggerOutcome kind) {
        return outcomes.stream().filter(Outcome.Triggered.class::isInstance).map(Outcome.Triggered.class::cast)
                .filter(triggered -> triggered.result().outcome() == kind).count();
    }
}
