package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.github.mwaatrigger.config.Logging;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.uploads.DagRoutes;
import io.github.mwaatrigger.uploads.ObjectUpload;
import io.github.mwaatrigger.uploads.UploadRunIds;
import io.github.mwaatrigger.uploads.UploadTriggers;
import io.github.mwaatrigger.uploads.UploadTriggers.Outcome;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lambda function for S3 object-created notifications: each object starts the DAG its key is routed to
 * ({@code S3_DAG_ROUTES}, or {@code DAG_ID}). The {@code s3:TestEvent} S3 sends when notifications are
 * configured is ignored. If any object could not be triggered, the invocation fails after all were tried.
 */
public final class S3UploadHandler implements RequestHandler<S3Event, String> {

    private static final System.Logger LOG = System.getLogger(S3UploadHandler.class.getName());

    private final UploadTriggers uploads;
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
        this.uploads = new UploadTriggers(mwaa.triggers(), settings.routes());
        this.clock = clock;
        this.priming = new SnapStartPriming(mwaa, () -> primeUploadPath(settings.routes()));
    }

    /** The upload path up to the trigger, on a made-up notification: decoding, routing, run id and conf. */
    private static void primeUploadPath(DagRoutes routes) {
        S3Event event = new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("us-east-1",
                "ObjectCreated:Put", "aws:s3", "2024-01-01T00:00:00.000Z", "2.1", null, null,
                new S3EventNotification.S3Entity("priming", new S3EventNotification.S3BucketEntity("priming-bucket",
                        null, "arn:aws:s3:::priming-bucket"), new S3EventNotification.S3ObjectEntity(
                        "incoming/priming+file.csv", 1L, "etag", null, "01"), "1.0"), null)));
        for (ObjectUpload upload : S3Records.of(event).uploads()) {
            routes.dagFor(upload.key());
            UploadRunIds.runIdFor(upload);
            UploadTriggers.conf(upload);
        }
    }

    /** The SnapStart priming this function registers. */
    SnapStartPriming priming() {
        return priming;
    }

    /**
     * @return a one-line summary, e.g. {@code 2 objects: 1 created, 1 already existed, 0 unrouted}
     * @throws UploadBatchFailedException if any object could not be triggered
     */
    @Override
    public String handleRequest(S3Event event, Context context) {
        S3Records.Uploads records = S3Records.of(event);
        if (records.uploads().isEmpty() && records.unreadable().isEmpty()) {
            LOG.log(Level.INFO, "an S3 event without objects (such as s3:TestEvent): nothing to trigger");
            return "0 objects";
        }
        List<Outcome> outcomes = uploads.triggerAll(records.uploads(), LambdaDeadline.of(context, clock));
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
