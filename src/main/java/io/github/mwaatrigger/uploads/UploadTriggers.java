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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "File lands, DAG runs": starts the routed DAG for each uploaded object, with the object's identity as
 * conf and a run id derived from the S3 event, so that redelivered events start nothing twice. One
 * object that cannot be triggered does not stop the others.
 *
 * <p>The objects of one event are triggered side by side, at most {@code concurrentTriggers} at once
 * (the CLI commands the process may send at once), all under the invocation's one deadline; the outcomes
 * come back in the event's order whatever order they finish in. The same object named twice in one event
 * (the same run) is triggered once, then asked for again after that, so it starts one run and the repeat
 * reports it as Airflow does.
 */
public final class UploadTriggers {

    private static final System.Logger LOG = System.getLogger(UploadTriggers.class.getName());

    private final DagRuns triggers;
    private final DagRoutes routes;
    private final FanOut fanOut;

    /**
     * @param concurrentTriggers how many objects of one event are triggered at once (at least 1; 1 triggers
     *                           them one after another)
     */
    public UploadTriggers(DagRuns triggers, DagRoutes routes, int concurrentTriggers) {
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.fanOut = new FanOut(concurrentTriggers);
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

    /**
     * Tries every upload, up to {@code concurrentTriggers} at once, and reports each outcome, in the order of
     * {@code uploads}.
     */
    public List<Outcome> triggerAll(List<ObjectUpload> uploads, Deadline deadline) {
        return triggerAll(uploads, deadline, TriggerRecorder.NONE);
    }

    /**
     * Tries every upload, up to {@code concurrentTriggers} at once, each trigger recorded by {@code recorder} on the
     * thread that makes it, and reports each outcome, in the order of {@code uploads}.
     */
    public List<Outcome> triggerAll(List<ObjectUpload> uploads, Deadline deadline, TriggerRecorder recorder) {
        Outcome[] outcomes = new Outcome[uploads.size()];
        Map<String, List<Routed>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < uploads.size(); i++) {
            ObjectUpload upload = uploads.get(i);
            Optional<String> dagId = routes.dagFor(upload.key());
            if (dagId.isEmpty()) {
                LOG.log(Level.INFO, "{0} matches no route; skipped", upload.location());
                outcomes[i] = new Outcome.Unrouted(upload);
            } else {
                byRun.computeIfAbsent(dagId.get() + ' ' + UploadRunIds.runIdFor(upload), run -> new ArrayList<>())
                        .add(new Routed(i, upload, dagId.get()));
            }
        }
        List<Runnable> tasks = new ArrayList<>(byRun.size());
        for (List<Routed> sameRun : byRun.values()) {
            tasks.add(() -> sameRun.forEach(routed ->
                    outcomes[routed.index()] = trigger(routed.upload(), routed.dagId(), deadline, recorder)));
        }
        fanOut.runAll(tasks);
        return List.of(outcomes);
    }

    /** An upload at {@code index} in its event, and the DAG it is routed to. */
    private record Routed(int index, ObjectUpload upload, String dagId) {
    }

    private Outcome trigger(ObjectUpload upload, String dagId, Deadline deadline, TriggerRecorder recorder) {
        try {
            DagRunRequest request = DagRunRequest.of(dagId, UploadRunIds.runIdFor(upload), conf(upload));
            TriggerResult result = recorder.record(request, () -> triggers.trigger(request, deadline));
            LOG.log(Level.INFO, "{0} -> DAG {1} run {2}: {3}", upload.location(), result.run().dagId(),
                    result.run().runId(), result.outcome());
            return new Outcome.Triggered(upload, result);
        } catch (TriggerFailure failure) {
            LOG.log(Level.WARNING, "{0} -> DAG {1} failed ({2}): {3}", upload.location(), dagId,
                    failure.isRetryable() ? "retryable" : "permanent", failure.getMessage());
            return new Outcome.Failed(upload, failure);
        } catch (RuntimeException defect) {
            LOG.log(Level.ERROR, upload.location() + " -> DAG " + dagId + " failed unexpectedly", defect);
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
