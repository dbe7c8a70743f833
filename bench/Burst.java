import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A burst: TRIGGERS triggers fired at once, from as many threads sharing one production object graph
 * (warmed up first by one trigger of another DAG, as a process that is already running; the cold start is
 * the cold job's subject), at an emulator that runs CAPACITY CLI commands at once, each taking
 * LATENCY_MS. Prints one JSON line: what each trigger reported (CREATED, ALREADY_EXISTED, or a failure;
 * every run id is new, so anything but CREATED means a trigger was lost or misreported), the DAG runs the
 * emulator holds afterwards, the CLI requests and 503 answers it counted, the most commands it ran at once
 * (at most CAPACITY by construction: it answers 503 beyond that), the wall time and the ideal
 * (TRIGGERS x LATENCY / CAPACITY).
 *
 * usage: java -cp target/mwaa-trigger.jar bench/Burst.java TRIGGERS CAPACITY LATENCY_MS [CLIENT_SLOTS]
 * (MWAA_TRANSPORT in the environment chooses the transport, cli by default)
 * (CLIENT_SLOTS: the client's MWAA_MAX_CONCURRENT_CLI_CALLS, default 4; more than CAPACITY over-subscribes
 * the emulator as several processes would, so that 503s and backoff come into play)
 */
public class Burst {
    public static void main(String[] args) throws Exception {
        int triggers = Integer.parseInt(args[0]);
        int capacity = Integer.parseInt(args[1]);
        int latencyMs = Integer.parseInt(args[2]);
        String clientSlots = args.length > 3 ? args[3] : "4";
        EmulatorConfig config = EmulatorConfig.builder().dags(List.of("burst_dag", "warm_up_dag"))
                .cliCapacity(capacity, Duration.ofMillis(latencyMs)).build();
        try (MwaaEmulator emulator = MwaaEmulator.start(config)) {
            Path trust = Files.createTempDirectory("burst");
            emulator.certificateAuthority().writeTruststore(trust.resolve("truststore.p12"));
            System.setProperty("javax.net.ssl.trustStore", trust.resolve("truststore.p12").toString());
            System.setProperty("aws.accessKeyId", config.accessKeyId());
            System.setProperty("aws.secretAccessKey", config.secretAccessKey());
            MwaaServices services = MwaaServices.create(Settings.from(new Environment(Map.of(
                    "MWAA_ENVIRONMENT_NAME", config.environmentName(), "AIRFLOW_VERSION", "2.10.3",
                    "AWS_REGION", config.region(), "AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString(),
                    "MWAA_MAX_CONCURRENT_CLI_CALLS", clientSlots,
                    "MWAA_TRANSPORT", System.getenv().getOrDefault("MWAA_TRANSPORT", "cli"))),
                    System.getProperties()));
            services.dagRuns().trigger(DagRunRequest.of("warm_up_dag", "warm_up", JsonObject.empty()),
                    Deadline.after(Duration.ofSeconds(60)));
            int requestsBefore = emulator.receivedCommands().size();
            ExecutorService pool = Executors.newFixedThreadPool(triggers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TriggerResult>> results = new ArrayList<>();
            for (int i = 0; i < triggers; i++) {
                String runId = "burst_" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return services.dagRuns().trigger(DagRunRequest.of("burst_dag", runId, JsonObject.empty()),
                            Deadline.after(Duration.ofSeconds(60)));
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int created = 0;
            int alreadyExisted = 0;
            int failed = 0;
            for (Future<TriggerResult> result : results) {
                try {
                    if (result.get().outcome() == TriggerOutcome.CREATED) {
                        created++;
                    } else {
                        alreadyExisted++;
                    }
                } catch (ExecutionException e) {
                    failed++;
                    System.err.println("a trigger failed: " + e.getCause());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            int runs = emulator.runs("burst_dag").size();
            double ideal = triggers * latencyMs / 1000.0 / capacity;
            System.out.printf("{\"triggers\": %d, \"capacity\": %d, \"client_slots\": %s, \"latency_ms\": %d, "
                    + "\"created\": %d, \"already_existed\": %d, \"failed\": %d, \"runs\": %d, \"cli_requests\": %d, "
                    + "\"busy_503\": %d, \"most_concurrent\": %d, \"seconds\": %.3f, \"ideal_seconds\": %.3f}%n",
                    triggers, capacity, clientSlots, latencyMs, created, alreadyExisted, failed, runs,
                    emulator.receivedCommands().size() - requestsBefore, emulator.busyAnswers(),
                    emulator.mostConcurrentCliCommands(), seconds, ideal);
        }
    }
}
