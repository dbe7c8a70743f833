import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.lambdaruntime.InvocationResult;
import io.github.mwaatrigger.lambdaruntime.ManagedJavaRuntime;
import io.github.mwaatrigger.lambdaruntime.RuntimeApiStandIn;
import io.github.mwaatrigger.lambdaruntime.RuntimeProcess;
import io.github.mwaatrigger.local.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The functions run as Lambda runs them, beside the MWAA user guide's Python function run the same way: each
 * sample is a fresh process (one execution environment) started by its runtime, Lambda's Java runtime interface
 * client for the Java functions (with the managed runtime's JVM options and the template's JAVA_TOOL_OPTIONS) and
 * a stand-in for the Python runtime's bootstrap for the guide's function, talking to a Runtime API stand-in, with
 * the embedded MWAA emulator as MWAA over loopback HTTPS. Each process gets a first event and then WARM more, each
 * of which starts a new DAG run (checked with the emulator).
 *
 * Per process: init (fork to the first /invocation/next), first invocation (event out to result in), the median
 * of the warm invocations, peak RSS (VmHWM) after the last one, and CPU time. Java functions run twice per round:
 * "cold" (an on-demand init) and "primed" (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: the runtime client calls
 * the functions' SnapStart priming after init, then waits at /restore/next, as Lambda does before taking the
 * snapshot; the first invocation after it is what a restored snapshot starts with). The order of the seven
 * sides rotates every round. Then one more process per Java side with -Xlog:class+load counts the classes loaded
 * by the end of init and by the end of the first invocation. Prints one JSON document.
 *
 * usage: java -cp tools/target/mwaa-trigger.jar bench/LambdaRuntimes.java TASK_ROOT RUNTIME_CLIENT_JARS ROUNDS WARM
 *        (TASK_ROOT: target/classes and lib/ as sam build lays out the function; run from the repository root)
 */
public class LambdaRuntimes {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int MEMORY_MB = 512;
    private static final String DAG = "example_dag";
    private static final List<String> JAVA_FUNCTIONS = List.of("S3UploadFunction", "ScheduleFunction", "ApiFunction");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    record Side(String name, String function, boolean primed) {
        boolean python() {
            return function == null;
        }
    }

    record Sample(double initMs, double firstMs, double warmMs, double rssMib, double cpuMs) {
        String json() {
            return String.format("{\"init_ms\": %.1f, \"first_ms\": %.1f, \"warm_ms\": %.2f, \"rss_mib\": %.1f, "
                    + "\"cpu_ms\": %.0f}", initMs, firstMs, warmMs, rssMib, cpuMs);
        }
    }

    public static void main(String[] args) throws Exception {
        Path taskRoot = Path.of(args[0]).toAbsolutePath();
        Path runtimeClient = Path.of(args[1]).toAbsolutePath();
        int rounds = Integer.parseInt(args[2]);
        int warm = Integer.parseInt(args[3]);
        Path work = Files.createTempDirectory("mwaa-trigger-lambda-bench-");
        try (MwaaEmulator emulator = MwaaEmulator.start(EmulatorConfig.builder().dags(List.of(DAG)).build())) {
            LambdaRuntimes bench = new LambdaRuntimes(emulator, taskRoot, runtimeClient, work);
            List<Side> sides = new ArrayList<>();
            for (String function : JAVA_FUNCTIONS) {
                sides.add(new Side(function + " cold", function, false));
                sides.add(new Side(function + " primed", function, true));
            }
            sides.add(new Side("python", null, false));
            for (Side side : sides) {
                bench.sample(side, warm); // warm-up round, not counted: the emulator and the page cache
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            sides.forEach(side -> samples.put(side.name(), new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                List<Side> order = new ArrayList<>(sides);
                Collections.rotate(order, round);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Side side : order) {
                    samples.get(side.name()).add(bench.sample(side, warm));
                }
                System.err.printf("round %d of %d done%n", round + 1, rounds);
            }
            StringBuilder json = new StringBuilder("{\"rounds\": " + rounds + ", \"warm\": " + warm + ", \"memory_mb\": "
                    + MEMORY_MB + ", \"java_tool_options\": \"" + bench.javaToolOptions() + "\", \"samples\": {");
            String separator = "";
            for (var entry : samples.entrySet()) {
                json.append(separator).append('"').append(entry.getKey()).append("\": [");
                json.append(String.join(", ", entry.getValue().stream().map(Sample::json).toList())).append(']');
                separator = ", ";
            }
            json.append("}, \"classes\": {");
            separator = "";
            for (Side side : sides) {
                if (!side.python()) {
                    json.append(separator).append('"').append(side.name()).append("\": ").append(bench.classes(side));
                    separator = ", ";
                }
            }
            System.out.println(json.append("}}"));
        }
    }

    private final MwaaEmulator emulator;
    private final Path taskRoot;
    private final ManagedJavaRuntime javaRuntime;
    private final Path work;
    private final Path truststore;
    private final Path caBundle;
    private final SamTemplate template;

    LambdaRuntimes(MwaaEmulator emulator, Path taskRoot, Path runtimeClient, Path work) throws Exception {
        this.emulator = emulator;
        this.taskRoot = taskRoot;
        this.work = work;
        this.javaRuntime = new ManagedJavaRuntime(Path.of(System.getProperty("java.home"), "bin", "java"), runtimeClient,
                MEMORY_MB);
        this.truststore = work.resolve("truststore.p12");
        this.caBundle = work.resolve("ca-bundle.pem");
        writeTrust(emulator, truststore, caBundle);
        EmulatorConfig config = emulator.config();
        this.template = SamTemplate.load(Path.of("template.yaml"), Map.of("EnvironmentName", config.environmentName(),
                "AirflowVersion", config.airflowVersion().toString(), "DagId", DAG, "ApiAllowedDags", DAG),
                config.region());
    }

    /**
     * What the functions trust: the JDK's CA certificates plus the emulator's CA (Java), the system's CA bundle
     * plus the emulator's CA (Python), so that both load a full-size trust store, as in Lambda.
     */
    private static void writeTrust(MwaaEmulator emulator, Path truststore, Path caBundle) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyStore jdk = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toFile(),
                (char[]) null);
        for (String alias : Collections.list(jdk.aliases())) {
            store.setCertificateEntry(alias, jdk.getCertificate(alias));
        }
        store.setCertificateEntry("mwaa-emulator-ca", emulator.certificateAuthority().certificate());
        // Stored as the JDK's cacerts is read in Lambda: certificates in the clear, no integrity password to check
        // (a password-protected store would make every Java process run two PBKDF2 derivations that Lambda does not).
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            store.store(out, null);
        }
        Path pem = caBundle.resolveSibling("emulator-ca.pem");
        emulator.certificateAuthority().writeCertificatePem(pem);
        Files.writeString(caBundle, Files.readString(Path.of("/etc/ssl/certs/ca-certificates.crt"))
                + Files.readString(pem));
    }

    String javaToolOptions() {
        return function("S3UploadFunction").environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
    }

    private SamTemplate.Function function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    private Sample sample(Side side, int warm) throws Exception {
        int runsBefore = emulator.runs().size();
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(side.python() ? "guide-python" : side.function(),
                Duration.ofSeconds(120));
             RuntimeProcess process = RuntimeProcess.start(processFor(side, api, List.of()))) {
            var firstEvent = api.submit(event(side));
            long initialized = api.awaitFirstNext(WAIT);
            InvocationResult first = check(side, firstEvent.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            List<Double> warmMs = new ArrayList<>();
            for (int i = 0; i < warm; i++) {
                warmMs.add(check(side, api.invoke(event(side), WAIT)).duration().toNanos() / 1e6);
            }
            Collections.sort(warmMs);
            double rss = process.peakRssKib().orElseThrow() / 1024.0;
            double cpu = process.cpuTime().toNanos() / 1e6;
            int made = emulator.runs().size() - runsBefore;
            if (made != warm + 1) {
                throw new IllegalStateException(side.name() + " made " + made + " DAG runs, not " + (warm + 1));
            }
            return new Sample((initialized - process.startedNanos()) / 1e6, first.duration().toNanos() / 1e6,
                    warmMs.isEmpty() ? 0 : warmMs.get(warmMs.size() / 2), rss, cpu);
        }
    }

    private static InvocationResult check(Side side, InvocationResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException(side.name() + " failed: " + result.body());
        }
        return result;
    }

    /**
     * Classes loaded by the end of init and by the end of the first invocation, counted in a -Xlog:class+load
     * file read at those two moments (the JVM writes each line as the class loads), and the first invocation's
     * classes by origin.
     */
    private String classes(Side side) throws Exception {
        Path log = work.resolve(side.name().replace(' ', '-') + "-classes.log");
        int runsBefore = emulator.runs().size();
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(side.function(), Duration.ofSeconds(120));
             RuntimeProcess process = RuntimeProcess.start(processFor(side, api,
                     List.of("-Xlog:class+load=info:file=" + log + "::filecount=0")))) {
            api.awaitFirstNext(WAIT);
            List<String> atInit = Files.readAllLines(log);
            check(side, api.invoke(event(side), WAIT));
            List<String> atFirst = Files.readAllLines(log);
            if (emulator.runs().size() - runsBefore != 1) {
                throw new IllegalStateException(side.name() + " did not make one DAG run");
            }
            Map<String, Integer> byOrigin = new TreeMap<>();
            for (String line : atFirst.subList(atInit.size(), atFirst.size())) {
                byOrigin.merge(origin(line), 1, Integer::sum);
            }
            StringBuilder origins = new StringBuilder();
            byOrigin.forEach((origin, count) -> origins.append(origins.length() == 0 ? "" : ", ")
                    .append('"').append(origin).append("\": ").append(count));
            return "{\"init\": " + atInit.size() + ", \"first\": " + atFirst.size() + ", \"first_by_origin\": {"
                    + origins + "}}";
        }
    }

    private static String origin(String line) {
        String name = line.substring(line.indexOf(']', line.indexOf("class,load")) + 1).strip();
        name = name.substring(0, name.indexOf(' ') < 0 ? name.length() : name.indexOf(' '));
        if (name.startsWith("software.amazon.awssdk.")) {
            return "AWS SDK";
        }
        if (name.startsWith("com.amazonaws.services.lambda.")) {
            return "Lambda runtime client and events";
        }
        if (name.startsWith("io.github.mwaatrigger.")) {
            return "mwaa-trigger";
        }
        if (name.startsWith("com.fasterxml.jackson.")) {
            return "jackson-core";
        }
        if (name.startsWith("org.joda.")) {
            return "joda-time";
        }
        if (name.matches("(java|javax|jdk|sun|com\\.sun)\\..*")) {
            return line.contains("shared objects file") ? "JDK (class-data archive)" : "JDK";
        }
        return "other";
    }

    private ProcessBuilder processFor(Side side, RuntimeApiStandIn api, List<String> extraOptions) throws IOException {
        ProcessBuilder builder;
        Map<String, String> variables = new LinkedHashMap<>();
        EmulatorConfig config = emulator.config();
        if (side.python()) {
            builder = new ProcessBuilder("python3", Path.of("bench", "lambda_python_runtime.py").toAbsolutePath().toString())
                    .directory(Path.of("bench").toFile());
            variables.put("_HANDLER", "guide_lambda_function.lambda_handler");
            variables.put("LAMBDA_TASK_ROOT", Path.of("bench").toAbsolutePath().toString());
            variables.put("MWAA_ENVIRONMENT_NAME", config.environmentName());
            variables.put("DAG_ID", DAG);
            variables.put("AWS_CA_BUNDLE", caBundle.toString());
            variables.put("SSL_CERT_FILE", caBundle.toString());
        } else {
            SamTemplate.Function function = function(side.function());
            List<String> options = new ArrayList<>(List.of("-Djavax.net.ssl.trustStore=" + truststore));
            options.addAll(extraOptions);
            builder = new ProcessBuilder(javaRuntime.command(function.handler(), options)).directory(taskRoot.toFile());
            variables.putAll(function.environment());
            variables.put("_HANDLER", function.handler());
            variables.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", side.primed() ? "snap-start" : "on-demand");
        }
        variables.put("AWS_LAMBDA_RUNTIME_API", api.address());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", side.python() ? "guide-python" : side.function());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        variables.put("AWS_REGION", config.region());
        variables.put("AWS_DEFAULT_REGION", config.region());
        variables.put("AWS_ACCESS_KEY_ID", config.accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", config.secretAccessKey());
        variables.put("AWS_SESSION_TOKEN", "emulator-session-token");
        variables.put("AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString());
        variables.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        Path empty = work.resolve("empty-aws-config");
        if (!Files.exists(empty)) {
            Files.writeString(empty, "");
        }
        variables.put("AWS_CONFIG_FILE", empty.toString());
        variables.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        variables.put("HOME", work.toString());
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        String pyenv = environment.get("PYENV_ROOT");
        environment.clear();
        environment.put("PATH", path);
        if (pyenv != null) {
            environment.put("PYENV_ROOT", pyenv);
        }
        environment.putAll(variables);
        builder.redirectErrorStream(true).redirectOutput(work.resolve("runtime-output.log").toFile());
        return builder;
    }

    /** A new event for the side's function, which starts a new DAG run. */
    private byte[] event(Side side) throws IOException {
        long n = SEQUENCE.incrementAndGet();
        String unique = Long.toString(n) + "_" + UUID.randomUUID().toString().substring(0, 8);
        String json;
        if (side.python()) {
            json = "{\"run_id\": \"bench_python_" + unique + "\"}";
        } else if (side.function().equals("S3UploadFunction")) {
            json = Files.readString(Path.of("events", "s3-put.json"))
                    .replace("incoming/daily/sales+report+2024-06-01.csv", "incoming/bench/file_" + unique + ".csv")
                    .replace("0066E5A1B2C3D4E5F6", String.format("0066E5A1B2%016X", n));
        } else if (side.function().equals("ScheduleFunction")) {
            json = "{\"scheduled_time\": \"" + Instant.parse("2030-01-01T00:00:00Z").plusSeconds(n) + "\", "
                    + "\"schedule_arn\": \"arn:aws:scheduler:us-east-1:123456789012:schedule/default/mwaa-trigger-schedule\"}";
        } else {
            json = Files.readString(Path.of("events", "api-1-trigger-run.json"))
                    .replace("api_order_1234", "api_bench_" + unique).replace("order-1234", "bench-" + unique);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
