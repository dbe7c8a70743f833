package io.github.mwaatrigger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The main job, locally: every event in a folder goes through the handler that the SAM template wires to
 * its kind of event, configured as the template configures that function, against an MWAA emulator.
 * One handler instance per function, as in one warm Lambda container.
 */
public final class DemoRun {

    private final SamTemplate template;
    private final MwaaEmulator emulator;
    private final PrintStream out;
    private final Map<String, Object> handlers = new HashMap<>();

    public DemoRun(SamTemplate template, MwaaEmulator emulator, PrintStream out) {
        this.template = template;
        this.emulator = emulator;
        this.out = out;
    }

    /** Runs every {@code *.json} in {@code folder}, in name order; returns how many failed. */
    public int runAll(Path folder) throws IOException {
        List<Path> events;
        try (Stream<Path> files = Files.list(folder)) {
            events = files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        int failures = 0;
        for (Path event : events) {
            failures += run(event) ? 0 : 1;
        }
        return failures;
    }

    private boolean run(Path file) throws IOException {
        byte[] payload = Files.readAllBytes(file);
        Optional<EventKind> kind = EventKind.of(Json.parseObject(new String(payload, StandardCharsets.UTF_8),
                file.toString()));
        if (kind.isEmpty()) {
            out.println(file + ": not an event the demo knows (S3, EventBridge schedule, API Gateway)");
            return false;
        }
        Optional<SamTemplate.Function> function = template.functions().stream()
                .filter(candidate -> kind.get().samEventTypes().stream().anyMatch(candidate::hasEventOfType))
                .findFirst();
        if (function.isEmpty()) {
            out.println(file + ": no function in the template takes " + kind.get().description());
            return false;
        }
        out.println(file + "  ->  " + function.get().logicalId() + " (" + function.get().handler() + ")");
        int runsBefore = emulator.runs().size();
        try {
            String result = invoke(function.get(), payload);
            out.println("    result: " + result);
            return true;
        } catch (RuntimeException e) {
            out.println("    FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        } finally {
            List<EmulatedRun> runs = emulator.runs();
            if (runs.size() == runsBefore) {
                out.println("    no new DAG run");
            }
            runs.subList(runsBefore, runs.size()).forEach(run ->
                    out.println("    new DAG run: " + run.dagId() + " / " + run.runId()));
        }
    }

    private String invoke(SamTemplate.Function function, byte[] payload) {
        Object handler = handlers.computeIfAbsent(function.logicalId(), id -> instantiate(function));
        Object result;
        try {
            result = LocalRuntime.invoke(handler, payload, new LocalContext(function.logicalId(), function.timeout()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (result instanceof APIGatewayProxyResponseEvent response) {
            return "HTTP " + response.getStatusCode() + " " + response.getBody();
        }
        if (result instanceof String written && written.startsWith("\"")
                && Json.parse(written) instanceof JsonString summary) {
            return summary.value();
        }
        if (result instanceof String written && written.startsWith("{\"statusCode\"")
                && Json.parse(written) instanceof JsonObject proxyResponse) {
            // An API Gateway proxy response, as a stream handler writes it.
            return "HTTP " + proxyResponse.get("statusCode").map(status -> JsonWriter.compact().write(status)).orElse("?") + " "
                    + proxyResponse.string("body").orElse("");
        }
        return String.valueOf(result);
    }

    /**
     * The handler class the template names, built with the function's environment (pointed at the
     * emulator) through its {@code (settings, Function<Settings, MwaaServices>, Clock)} constructor, the
     * settings read by their record's {@code from(Environment, Properties)}, as the function reads them.
     */
    private Object instantiate(SamTemplate.Function function) {
        Map<String, String> variables = new HashMap<>(function.environment());
        variables.put(Settings.REGION, emulator.config().region());
        variables.put(Settings.ENDPOINT_URL_MWAA, emulator.controlPlaneEndpoint().toString());
        try {
            Class<?> type = Class.forName(function.handlerClass());
            Constructor<?> constructor = settingsConstructor(type);
            Object settings = constructor.getParameterTypes()[0].getMethod("from", Environment.class, Properties.class)
                    .invoke(null, new Environment(variables), System.getProperties());
            Function<Settings, MwaaServices> services = MwaaServices::create;
            return constructor.newInstance(settings, services, Clock.systemUTC());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build handler " + function.handler() + ": " + e, e);
        }
    }

    private static Constructor<?> settingsConstructor(Class<?> handlerClass) throws NoSuchMethodException {
        for (Constructor<?> constructor : handlerClass.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 3 && parameters[1] == Function.class && parameters[2] == Clock.class) {
                return constructor;
            }
        }
        throw new NoSuchMethodException(handlerClass.getName() + ".<init>(settings, Function, Clock)");
    }

    /** Prints the emulated Airflow's runs: DAG, run id, state, conf. */
    public void printRuns() {
        Instant now = Instant.now();
        out.println();
        out.println("DAG runs in the emulated Airflow (" + emulator.config().airflowVersion() + "):");
        for (EmulatedRun run : emulator.runs()) {
            String conf = JsonWriter.compact().write(run.conf());
            out.println("  " + run.dagId() + " / " + run.runId() + "  [" + run.state(now) + "]  conf "
                    + (conf.length() > 160 ? conf.substring(0, 157) + "..." : conf));
        }
    }
}
