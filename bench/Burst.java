import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.TriggerOutcome;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A burst: TRIGGERS triggers fired at once, from as many threads sharing one production object graph,
 * at an emulator that runs CAPACITY CLI commands at once, each taking LATENCY_MS. Prints one JSON line:
 * the most concurrent commands the emulator saw, its 503 answers, how many runs were created (each
 * exactly once?), the wall time and the ideal (TRIGGERS x LATENCY / CAPACITY).
 *
 * usage: java -cp target/mwaa-trigger.jar bench/Burst.java TRIGGERS CAPACITY LATENCY_MS
 */
public class Burst {
    public static void main(String[] args) throws Exception {
        int triggers = Integer.parseInt(args[0]);
        int capacity = Integer.parseInt(args[1]);
        int latencyMs = Integer.parseInt(args[2]);
        EmulatorConfig config = EmulatorConfig.builder().dags(List.of("burst_dag")).noisyOutput(true)
                .cliCapacity(capacity, Duration.ofMillis(latencyMs)).build();
        try (MwaaEmulator emulator = MwaaEmulator.start(config)) {
            Path trust = Files.createTempDirectory("burst");
            emulator.certificateAuthority().writeTruststore(trust.resolve("truststore.p12"), "burst".toCharArray());
            System.setProperty("javax.net.ssl.trustStore", trust.resolve("truststore.p12").toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "burst");
            System.setProperty("aws.accessKeyId", config.accessKeyId());
            System.setProperty("aws.secretAccessKey", config.secretAccessKey());
            MwaaServices services = MwaaServices.create(Settings.from(new Environment(Map.of(
                    "MWAA_ENVIRONMENT_NAME", config.environmentName(), "AIRFLOW_VERSION", "2.10.3",
                    "AWS_REGION", config.region(), "AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString())),
                    System.getProperties()));
            ExecutorService pool = Executors.newFixedThreadPool(triggers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TriggerResult>> results = new ArrayList<>();
            for (int i = 0; i < triggers; i++) {
                String runId = "burst_" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return services.triggers().trigger(DagRunRequest.of("burst_dag", runId, JsonObject.empty()),
                            Deadline.after(Duration.ofSeconds(60)));
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int created = 0;
            for (Future<TriggerResult> result : results) {
                created += result.get().outcome() == TriggerOutcome.CREATED ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            List<EmulatedRun> runs = emulator.runs();
            long distinct = new HashSet<>(runs.stream().map(EmulatedRun::runId).toList()).size();
            double ideal = triggers * latencyMs / 1000.0 / capacity;
            System.out.printf("{\"triggers\": %d, \"capacity\": %d, \"latency_ms\": %d, \"most_concurrent\": %d, "
                    + "\"busy_503\": %d, \"cli_requests\": %d, \"runs\": %d, \"distinct_runs\": %d, \"created\": %d, "
                    + "\"seconds\": %.3f, \"ideal_seconds\": %.3f}%n", triggers, capacity, latencyMs,
                    emulator.mostConcurrentCliCommands(), emulator.busyAnswers(), emulator.receivedCommands().size(),
                    runs.size(), distinct, created, seconds, ideal);
        }
    }
}
