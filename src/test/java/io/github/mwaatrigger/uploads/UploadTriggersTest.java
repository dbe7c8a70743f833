package io.github.mwaatrigger.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.airflow.DagRun;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.CapturedLogs;
import io.github.mwaatrigger.testing.GatedDagRuns;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.trigger.DagNotFoundException;
import io.github.mwaatrigger.trigger.DagRunListQuery;
import io.github.mwaatrigger.trigger.DagRunPage;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.DagRuns;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import io.github.mwaatrigger.uploads.UploadTriggers.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The objects of one event, triggered side by side up to the cap, against an in-memory Airflow behind a
 * gate the test controls: no sleeps, and every wait is bounded, so that an implementation that does not
 * fan out fails its test instead of hanging it.
 *
 * <p>Airflow 3 here, which takes no logical date unless given one: the objects reach it at one instant of
 * the test's clock, and on Airflow 2 that same-second collision, which {@code TriggerService} waits out, is
 * a subject of its own tests.
 */
class UploadTriggersTest {

    private static final long WAIT_SECONDS = GatedDagRuns.HOLD_LIMIT_SECONDS;

    private final InMemoryMwaa mwaa = InMemoryMwaa.running("3.0.6", "s3_ingest", "pdf_ingest");
    private final DagRuns airflow = mwaa.services(Settings.from(mwaa.environment(), new Properties())).dagRuns();
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(60), mwaa.clock());
    private final DagRoutes everyObject = DagRoutes.everyObjectTo("s3_ingest");

    @Test
    void objectsOfOneEvent_areTriggeredUpToTheCapAtOnce_onNoMoreThreadsThanTheCap_underTheOneDeadline()
            throws Exception {
        GatedDagRuns gated = GatedDagRuns.closed(airflow);
        UploadTriggers triggers = new UploadTriggers(gated, everyObject, 4);
        List<ObjectUpload> uploads = uploads(10);

        FutureTask<List<Outcome>> event = inBackground(() -> triggers.triggerAll(uploads, deadline));
        gated.awaitArrivals(4);
        gated.open();
        List<Outcome> outcomes = event.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(gated.mostInFlight()).isEqualTo(4);
        assertThat(gated.threads()).as("a pool of 4 threads, reused").hasSize(4);
        assertThat(gated.deadlines()).hasSize(10).allSatisfy(each -> assertThat(each).isSameAs(deadline));
        assertThat(outcomes).extracting(Outcome::upload).containsExactlyElementsOf(uploads);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(Outcome.Triggered.class,
                triggered -> assertThat(triggered.result().outcome()).isEqualTo(TriggerOutcome.CREATED)));
        assertThat(mwaa.airflow().runs()).extracting(Run::runId)
                .containsExactlyInAnyOrderElementsOf(uploads.stream().map(UploadRunIds::runIdFor).toList());
    }

    @Test
    void noThreadOutlivesTheEvent() throws Exception {
        GatedDagRuns gated = GatedDagRuns.openingWhen(3, airflow);

        new UploadTriggers(gated, everyObject, 3).triggerAll(uploads(7), deadline);

        assertThat(gated.threads()).hasSize(3).doesNotContain(Thread.currentThread());
        for (Thread thread : gated.threads()) {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        assertThat(gated.threads()).noneMatch(Thread::isAlive);
    }

    @Test
    void oneAtATime_triggersOneAfterAnotherOnTheCallersThread() {
        GatedDagRuns gated = GatedDagRuns.openingWhen(1, airflow);

        List<Outcome> outcomes = new UploadTriggers(gated, everyObject, 1).triggerAll(uploads(3), deadline);

        assertThat(outcomes).hasSize(3).allMatch(Outcome.Triggered.class::isInstance);
        assertThat(gated.mostInFlight()).isEqualTo(1);
        assertThat(gated.threads()).containsExactly(Thread.currentThread());
    }

    @Test
    void outcomes_comeBackInTheEventsOrder_whenTheTriggersFinishInReverse() {
        List<ObjectUpload> uploads = uploads(4);
        FinishingInReverse reverse = new FinishingInReverse(airflow,
                uploads.stream().map(UploadRunIds::runIdFor).toList());

        List<Outcome> outcomes = new UploadTriggers(reverse, everyObject, 4).triggerAll(uploads, deadline);

        assertThat(reverse.finished()).containsExactlyElementsOf(
                IntStream.range(0, 4).mapToObj(i -> UploadRunIds.runIdFor(uploads.get(3 - i))).toList());
        assertThat(outcomes).extracting(Outcome::upload).containsExactlyElementsOf(uploads);
        assertThat(outcomes).extracting(outcome -> ((Outcome.Triggered) outcome).result().run().runId())
                .containsExactlyElementsOf(uploads.stream().map(UploadRunIds::runIdFor).toList());
    }

    @Test
    void objectsThatFail_doNotStopTheOthers_andEachOutcomeSaysWhy() throws Exception {
        DagRoutes routes = DagRoutes.parse("incoming/**/*.pdf=missing_dag,incoming/**=s3_ingest");
        List<ObjectUpload> uploads = List.of(upload("incoming/a.csv"), upload("incoming/b.csv"),
                upload("incoming/c.pdf"), upload("elsewhere/d.csv"), upload("incoming/e.csv"),
                upload("incoming/f.csv"));
        MwaaUnavailableException busy = new MwaaUnavailableException("MWAA is unavailable: the web server answered "
                + "HTTP 503", MwaaUnavailableException.Reason.BUSY);
        GatedDagRuns gated = GatedDagRuns.openingWhen(4, airflow)
                .failing(UploadRunIds.runIdFor(uploads.get(1)), busy);

        List<Outcome> outcomes;
        String logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            outcomes = new UploadTriggers(gated, routes, 4).triggerAll(uploads, deadline);
            logs = captured.text();
        }

        assertThat(gated.mostInFlight()).isEqualTo(4);
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Triggered.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.failure()).isSameAs(busy));
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.failure()).isInstanceOf(DagNotFoundException.class));
        assertThat(outcomes.get(3)).isInstanceOf(Outcome.Unrouted.class);
        assertThat(outcomes.get(4)).isInstanceOf(Outcome.Triggered.class);
        assertThat(outcomes.get(5)).isInstanceOf(Outcome.Triggered.class);
        assertThat(outcomes).extracting(Outcome::upload).containsExactlyElementsOf(uploads);
        assertThat(mwaa.airflow().runs()).extracting(run -> run.conf().string("key").orElseThrow())
                .containsExactlyInAnyOrder("incoming/a.csv", "incoming/e.csv", "incoming/f.csv");
        assertThat(logs)
                .contains("s3://bucket/incoming/a.csv -> DAG s3_ingest run " + UploadRunIds.runIdFor(uploads.get(0))
                        + ": CREATED")
                .contains("s3://bucket/incoming/b.csv -> DAG s3_ingest failed (retryable): MWAA is unavailable")
                .contains("s3://bucket/incoming/c.pdf -> DAG missing_dag failed (permanent): DAG 'missing_dag'")
                .contains("s3://bucket/elsewhere/d.csv matches no route; skipped");
    }

    @Test
    void sameObjectTwiceInOneEvent_startsOneRun_andTheRepeatsReportIt() {
        ObjectUpload a = upload("incoming/a.csv");
        ObjectUpload b = upload("incoming/b.csv");
        ObjectUpload c = upload("incoming/c.csv");
        GatedDagRuns gated = GatedDagRuns.openingWhen(3, airflow);

        List<Outcome> outcomes = new UploadTriggers(gated, everyObject, 4).triggerAll(List.of(a, b, a, c, a),
                deadline);

        assertThat(outcomes).extracting(outcome -> ((Outcome.Triggered) outcome).result().outcome()).containsExactly(
                TriggerOutcome.CREATED, TriggerOutcome.CREATED, TriggerOutcome.ALREADY_EXISTED, TriggerOutcome.CREATED,
                TriggerOutcome.ALREADY_EXISTED);
        assertThat(outcomes).extracting(Outcome::upload).containsExactly(a, b, a, c, a);
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactlyInAnyOrder(UploadRunIds.runIdFor(a),
                UploadRunIds.runIdFor(b), UploadRunIds.runIdFor(c));
        assertThat(gated.mostInFlight(UploadRunIds.runIdFor(a))).as("the repeats of one object, one after another")
                .isEqualTo(1);
        assertThat(gated.mostInFlight()).as("the three objects side by side").isEqualTo(3);
    }

    private static ObjectUpload upload(String key) {
        return new ObjectUpload("bucket", key, 1L, "etag-" + key.hashCode(), null, "0055AED6DCD90281E5",
                "ObjectCreated:Put", "2024-06-01T08:30:00.250Z", "us-east-1");
    }

    private static List<ObjectUpload> uploads(int count) {
        return IntStream.range(0, count).mapToObj(i -> upload("incoming/file-" + i + ".csv")).toList();
    }

    /** Runs {@code call} on a thread of its own, so that the test can watch it while it waits. */
    private static <T> FutureTask<T> inBackground(Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, "event");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /**
     * DAG runs where the trigger of each run id in {@code order} finishes only after the one after it has:
     * the last first. Every trigger must be in flight at once for them to finish at all; one that waits
     * longer than the gate's limit fails the test.
     */
    private static final class FinishingInReverse implements DagRuns {
        private final DagRuns delegate;
        private final List<String> order;
        private final List<CountDownLatch> mayFinish = new ArrayList<>();
        private final List<String> finished = new CopyOnWriteArrayList<>();

        FinishingInReverse(DagRuns delegate, List<String> order) {
            this.delegate = delegate;
            this.order = order;
            for (int i = 0; i < order.size(); i++) {
                mayFinish.add(new CountDownLatch(i == order.size() - 1 ? 0 : 1));
            }
        }

        List<String> finished() {
            return List.copyOf(finished);
        }

        @Override
        public TriggerResult trigger(DagRunRequest request, Deadline deadline) {
            int position = order.indexOf(request.runId());
            try {
                if (!mayFinish.get(position).await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("run " + request.runId() + " waited " + WAIT_SECONDS + " s for the "
                            + "trigger after it, which never came: the triggers were not all in flight at once");
                }
                TriggerResult result = delegate.trigger(request, deadline);
                finished.add(request.runId());
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                if (position > 0) {
                    mayFinish.get(position - 1).countDown();
                }
            }
        }

        @Override
        public Optional<DagRun> run(String dagId, String runId, Deadline deadline) {
            return delegate.run(dagId, runId, deadline);
        }

        @Override
        public DagRunPage list(String dagId, DagRunListQuery query, Deadline deadline) {
            return delegate.list(dagId, query, deadline);
        }
    }
}
