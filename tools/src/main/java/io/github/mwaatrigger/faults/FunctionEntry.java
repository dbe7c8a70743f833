package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.faults.Attempt.Kind;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.local.LocalRuntime;
import io.github.mwaatrigger.local.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Lambda function of the template, configured as the template configures it, invoked as the Lambda Java
 * runtime invokes it ({@link LocalRuntime}) with a sample event from {@code events/} and its variants.
 */
abstract class FunctionEntry implements EntryPoint {

    /**
     * What the functions keep back from Lambda's remaining time to report a clean result: the function's
     * timeout is the suite's timeout plus this, so that its deadline is the suite's timeout.
     */
    private static final Duration KEPT_BACK = Duration.ofMillis(1500);

    private final SamTemplate.Function function;
    private final Path sampleFile;
    private final String sample;

    FunctionEntry(SamTemplate template, String logicalId, Path sampleFile) throws IOException {
        this.function = template.functions().stream().filter(candidate -> candidate.logicalId().equals(logicalId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the template declares no function "
                        + logicalId));
        this.sampleFile = sampleFile;
        this.sample = Files.readString(sampleFile);
    }

    /** The handler the template names, for a container with {@code environment}. */
    abstract Object handler(Environment environment);

    /** What the caller sees in what the handler returned. */
    abstract Attempt answer(Object result);

    /** The sample event's text. */
    final String sample() {
        return sample;
    }

    /** The sample event with {@code target} replaced: a variant with an identity of its own. */
    final String sampleWith(String target, String replacement) {
        return SuiteEvent.replacing(sample, target, replacement, sampleFile.toString());
    }

    @Override
    public final Deployment deploy(Map<String, String> connection, Duration timeout) {
        Map<String, String> variables = new HashMap<>(function.environment());
        variables.putAll(connection);
        Object handler = handler(new Environment(variables));
        return event -> {
            try {
                return answer(LocalRuntime.invoke(handler, event.payload().getBytes(StandardCharsets.UTF_8),
                        new LocalContext(function.logicalId(), timeout.plus(KEPT_BACK))));
            } catch (IOException | RuntimeException e) {
                return new Attempt(Kind.RETRIED, "Lambda error (" + e.getClass().getSimpleName() + ")");
            }
        };
    }
}
