package io.github.mwaatrigger.uploads;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.TriggerRecorder;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "File lands, DAG runs": starts the routed DAG for each uploaded object, with the object's identity as
 * conf and a run id derived from the S3 event, so that redelivered events start nothing twice. One
 * object that cannot be triggered does not stop the others.
 */
public final class UploadTriggers {

    private static final System.Logger LOG = System.getLogger(UploadTriggers.class.getName());

    private final DagRuns triggers;
    private final DagRoutes routes;

    public UploadTriggers(DagRuns triggers, DagRoutes routes) {
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /** What became of one upload. */
    public sealed interface Outcome {
        ObjectUpload upload();

        record Triggered(ObjectUpload upload, TriggerResult result) implements Outcome {
        }

        /** No route matched: nothing to do. */
        record Unrouted(ObjectUpload upload) implements Outcome {
        }

        /** It could not be triggered; {@code failure} says why (a {@link TriggerFailure}, or a defect). */
        record Failed(ObjectUpload upload, RuntimeException failure) implements Outcome {
        }
    }

    /** Tries every upload, in order, and reports each outcome. */
    public List<Outcome> triggerAll(List<ObjectUpload> uploads, Deadline deadline) {
        return triggerAll(uploads, deadline, TriggerRecorder.NONE);
    }

    /** Tries every upload, in order, each trigger recorded by {@code recorder}, and reports each outcome. */
    public List<Outcome> triggerAll(List<ObjectUpload> uploads, Deadline deadline, TriggerRecorder recorder) {
        List<Outcome> outcomes = new ArrayList<>(uploads.size());
        for (ObjectUpload upload : uploads) {
            outcomes.add(trigger(upload, deadline, recorder));
        }
        return outcomes;
    }

    private Outcome trigger(ObjectUpload upload, Deadline deadline, TriggerRecorder recorder) {
        Optional<String> dagId = routes.dagFor(upload.key());
        if (dagId.isEmpty()) {
            LOG.log(Level.INFO, "{0} matches no route; skipped", upload.location());
            return new Outcome.Unrouted(upload);
        }
        try {
            DagRunRequest request = DagRunRequest.of(dagId.get(), UploadRunIds.runIdFor(upload), conf(upload));
            TriggerResult result = recorder.record(request, () -> triggers.trigger(request, deadline));
            LOG.log(Level.INFO, "{0} -> DAG {1} run {2}: {3}", upload.location(), result.run().dagId(),
                    result.run().runId(), result.outcome());
            return new Outcome.Triggered(upload, result);
        } catch (TriggerFailure failure) {
            LOG.log(Level.WARNING, "{0} -> DAG {1} failed ({2}): {3}", upload.location(), dagId.get(),
                    failure.isRetryable() ? "retryable" : "permanent", failure.getMessage());
            return new Outcome.Failed(upload, failure);
        } catch (RuntimeException defect) {
            LOG.log(Level.ERROR, upload.location() + " -> DAG " + dagId.get() + " failed unexpectedly", defect);
            return new Outcome.Failed(upload, defect);
        }
    }

    /**
     * The run's conf: {@code bucket, key, size, etag, version_id, sequencer, event_name, event_time, region},
     * leaving out what S3 did not send.
     */
    public static JsonObject conf(ObjectUpload upload) {
        JsonObject.Builder conf = JsonObject.builder().put("bucket", upload.bucket()).put("key", upload.key());
        if (upload.size() != null) {
            conf.put("size", JsonNumber.of(upload.size()));
        }
        putIfPresent(conf, "etag", upload.eTag());
        putIfPresent(conf, "version_id", upload.versionId());
        putIfPresent(conf, "sequencer", upload.sequencer());
        putIfPresent(conf, "event_name", upload.eventName());
        putIfPresent(conf, "event_time", upload.eventTime());
        putIfPresent(conf, "region", upload.region());
        return conf.build();
    }

    private static void putIfPresent(JsonObject.Builder conf, String name, String value) {
        if (value != null) {
            conf.put(name, value);
        }
    }
}
