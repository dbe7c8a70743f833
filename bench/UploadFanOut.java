import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.tls.CertificateAuthority;
import io.github.mwaatrigger.handler.S3UploadHandler;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.local.LocalRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One S3 event of RECORDS objects through the upload function (the production object graph, the handler
 * invoked as the Lambda runtime invokes it, with the template's 120 s timeout), at an emulator that runs 4 CLI
 * commands at once, each taking LATENCY_MS: with one CLI slot (MWAA_MAX_CONCURRENT_CLI_CALLS=1, the objects
 * one after another, as before the fan-out) and with 4 (the default: 4 objects at once). Each side has an
 * emulator of its own, is warmed up with a one-object event first, then timed ROUNDS times, alternating,
 * each round with new objects. Prints one JSON line per timed event (the function's summary, the runs the
 * emulator holds for the event's objects, the CLI requests and 503 answers it counted, the most commands its
 * emulator has run at once, the wall time), then one summary line: the median time of each side, their
 * ratio, and the ideal for 4 slots (RECORDS x LATENCY / 4).
 *
 * usage: java -cp tools/target/mwaa-trigger.jar bench/UploadFanOut.java [RECORDS [LATENCY_MS [ROUNDS]]]
 * (defaults 100, 200, 3)
 */
public class UploadFanOut {
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        EmulatorConfig config = EmulatorConfig.builder().dags(List.of("s3_ingest"))
                .cliCapacity(4, Duration.ofMillis(latencyMs)).build();
        CertificateAuthority authority = CertificateAuthority.create("fan-out bench CA");
        try (MwaaEmulator forOneSlot = MwaaEmulator.start(config, authority);
                MwaaEmulator forFourSlots = MwaaEmulator.start(config, authority)) {
            Path trust = Files.createTempDirectory("fan-out");
            authority.writeTruststore(trust.resolve("truststore.p12"));
            System.setProperty("javax.net.ssl.trustStore", trust.resolve("truststore.p12").toString());
            System.setProperty("aws.accessKeyId", config.accessKeyId());
            System.setProperty("aws.secretAccessKey", config.secretAccessKey());
            S3UploadHandler oneSlot = handler(forOneSlot, config, 1);
            S3UploadHandler fourSlots = handler(forFourSlots, config, 4);
            invoke(oneSlot, event("warm-up", 1));
            invoke(fourSlots, event("warm-up", 1));
            List<Double> oneSlotSeconds = new ArrayList<>();
            List<Double> fourSlotsSeconds = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                oneSlotSeconds.add(timed(forOneSlot, oneSlot, 1, "round-" + round, records, latencyMs));
                fourSlotsSeconds.add(timed(forFourSlots, fourSlots, 4, "round-" + round, records, latencyMs));
            }
            double sequential = median(oneSlotSeconds);
            double concurrent = median(fourSlotsSeconds);
            System.out.printf("{\"records\": %d, \"latency_ms\": %d, \"rounds\": %d, \"median_seconds_1_slot\": %.3f, "
                    + "\"median_seconds_4_slots\": %.3f, \"ratio\": %.3f, \"ideal_seconds_4_slots\": %.3f}%n", records,
                    latencyMs, rounds, sequential, concurrent, concurrent / sequential, records * latencyMs / 4000.0);
        }
    }

    private static S3UploadHandler handler(MwaaEmulator emulator, EmulatorConfig config, int slots) {
        Environment environment = new Environment(Map.of("MWAA_ENVIRONMENT_NAME", config.environmentName(),
                "AIRFLOW_VERSION", config.airflowVersion().toString(), "AWS_REGION", config.region(),
                "AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString(), "DAG_ID", "s3_ingest",
                "MWAA_MAX_CONCURRENT_CLI_CALLS", String.valueOf(slots)));
        return new S3UploadHandler(UploadFunctionSettings.from(environment, System.getProperties()),
                MwaaServices::create, Clock.systemUTC());
    }

    private static double timed(MwaaEmulator emulator, S3UploadHandler handler, int slots, String prefix, int records,
            int latencyMs) throws Exception {
        byte[] event = event(prefix, records);
        int requestsBefore = emulator.receivedCommands().size();
        int busyBefore = emulator.busyAnswers();
        long start = System.nanoTime();
        String summary = invoke(handler, event);
        double seconds = (System.nanoTime() - start) / 1e9;
        long runs = emulator.runs("s3_ingest").stream()
                .filter(run -> run.conf().string("key").orElse("").startsWith("incoming/" + prefix + "/")).count();
        System.out.printf("{\"slots\": %d, \"records\": %d, \"latency_ms\": %d, \"summary\": \"%s\", \"runs\": %d, "
                + "\"cli_requests\": %d, \"busy_503\": %d, \"most_concurrent\": %d, \"seconds\": %.3f}%n",
                slots, records, latencyMs, summary, runs, emulator.receivedCommands().size() - requestsBefore,
                emulator.busyAnswers() - busyBefore, emulator.mostConcurrentCliCommands(), seconds);
        return seconds;
    }

    private static String invoke(S3UploadHandler handler, byte[] event) throws Exception {
        Object written = LocalRuntime.invoke(handler, event, new LocalContext("S3UploadFunction", Duration.ofSeconds(120)));
        return String.valueOf(written).replace("\"", "");
    }

    /** An S3 notification of {@code records} objects created under {@code incoming/<prefix>/}. */
    private static byte[] event(String prefix, int records) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            items.add("{\"eventVersion\": \"2.1\", \"eventSource\": \"aws:s3\", \"awsRegion\": \"us-east-1\", "
                    + "\"eventTime\": \"2024-06-01T08:30:00.000Z\", \"eventName\": \"ObjectCreated:Put\", "
                    + "\"s3\": {\"s3SchemaVersion\": \"1.0\", \"bucket\": {\"name\": \"bench-bucket\"}, "
                    + "\"object\": {\"key\": \"incoming/" + prefix + "/file-" + i + ".csv\", \"size\": 1, "
                    + "\"eTag\": \"etag-" + i + "\", \"sequencer\": \"0066E5A1B2C3D4E5F6\"}}}");
        }
        return ("{\"Records\": [" + String.join(", ", items) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
