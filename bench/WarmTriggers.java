import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.RunIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Triggers in one warm process, the way a warm Lambda container does: the production object graph
 * (MwaaServices), one trigger after another. Configured like the functions, from the environment
 * (the emulator's export lines). Prints one JSON line with the timings.
 *
 * usage: java -cp target/mwaa-trigger.jar bench/WarmTriggers.java DAG_ID WARM_UP TRIGGERS
 */
public class WarmTriggers {
    public static void main(String[] args) {
        System.setProperty("javax.net.ssl.trustStore", System.getenv("MWAA_TRUSTSTORE"));
        String dagId = args[0];
        int warmUp = Integer.parseInt(args[1]);
        int triggers = Integer.parseInt(args[2]);
        MwaaServices services = MwaaServices.create(Settings.from(Environment.system(), System.getProperties()));
        JsonObject conf = JsonObject.builder().put("source", "bench").build();
        for (int i = 0; i < warmUp; i++) {
            trigger(services, dagId, conf);
        }
        List<Double> times = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < triggers; i++) {
            long t = System.nanoTime();
            trigger(services, dagId, conf);
            times.add((System.nanoTime() - t) / 1e6);
        }
        double total = (System.nanoTime() - start) / 1e9;
        Collections.sort(times);
        System.out.printf("{\"triggers\": %d, \"total_s\": %.4f, \"median_ms\": %.3f, \"p90_ms\": %.3f, \"mean_ms\": %.3f}%n",
                triggers, total, times.get(times.size() / 2), times.get((int) (times.size() * 0.9) - 1),
                total * 1000 / triggers);
    }

    private static void trigger(MwaaServices services, String dagId, JsonObject conf) {
        services.dagRuns().trigger(DagRunRequest.of(dagId, RunIds.unique("bench", Clock.systemUTC()), conf),
                Deadline.after(Duration.ofSeconds(30)));
    }
}
