package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * MWAA's {@code InvokeRestApi} ({@code POST /restapi/{Name}}) once the request's signature is checked: the
 * request rate limit ({@code ThrottlingException}), the input constraints ({@code ValidationException} in AWS's
 * words), the environment ({@code ResourceNotFoundException}), the Airflow version (2.4.3 or later), then
 * Airflow's REST API, whose answer comes back as {@code {"RestApiStatusCode", "RestApiResponse"}}: with HTTP 200
 * for Airflow's 2xx, and as an HTTP 400 {@code RestApiClientException} (Airflow's 4xx) or
 * {@code RestApiServerException} (Airflow's 5xx) carrying the same two members.
 */
final class InvokeRestApiOperation {

    static final int MAX_PATH_LENGTH = 64;
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-zA-Z][0-9a-zA-Z-_]*");
    /** What MWAA answers for an environment that cannot serve InvokeRestApi (MWAA user guide). */
    static final String UPDATE_YOUR_ENVIRONMENT = "Update your environment to use InvokeRestApi";

    private final EmulatorConfig config;
    private final AirflowRestApi airflow;
    private final RequestRateLimit rateLimit;
    private final FaultQueue faults = new FaultQueue();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();

    InvokeRestApiOperation(EmulatorConfig config, AirflowRestApi airflow) {
        this.config = config;
        this.airflow = airflow;
        this.rateLimit = new RequestRateLimit(config.restRateLimit(), config.clock());
    }

    /**
     * Queues {@code next}, one per request that reaches Airflow: {@link Fault.Status} is Airflow answering that
     * status with that JSON body (blank for {@code {}}), {@link Fault.Delay} a slow answer,
     * {@link Fault.DropConnection} a connection closed without an answer (Airflow never got the call), and
     * {@link Fault.LoseAnswer} the call run in Airflow, then the connection closed without its answer, and
     * {@link Fault.UnreadableAnswer} the call run in Airflow, then answered 200 with JSON that is not its
     * answer ({@code {"dag_runs": 42}}).
     *
     * @throws IllegalArgumentException for any other fault, or a status body that is not JSON, before anything
     *                                  is queued
     */
    void inject(List<Fault> next) {
        for (Fault fault : next) {
            if (fault instanceof Fault.Status status) {
                if (!status.body().isBlank()) {
                    try {
                        Json.parse(status.body());
                    } catch (JsonParseException e) {
                        throw new IllegalArgumentException("an Airflow REST answer must be JSON: " + e.getMessage(), e);
                    }
                }
            } else if (!(fault instanceof Fault.Delay || fault instanceof Fault.DropConnection
                    || fault instanceof Fault.LoseAnswer || fault instanceof Fault.UnreadableAnswer)) {
                throw new IllegalArgumentException("the InvokeRestApi emulation cannot act out " + fault
                        + "; it supports Fault.Status, Fault.Delay, Fault.DropConnection, Fault.LoseAnswer and "
                        + "Fault.UnreadableAnswer");
            }
        }
        faults.addAll(next);
    }

    /** The injected faults not acted out yet. */
    FaultQueue faults() {
        return faults;
    }

    int requests() {
        return requests.get();
    }

    int throttled() {
        return throttled.get();
    }

    /** Answers {@code POST /restapi/{environmentName}} with {@code body}, a request whose signature is valid. */
    AwsAnswer invoke(String environmentName, byte[] body) throws IOException {
        requests.incrementAndGet();
        if (!rateLimit.tryAcquire()) {
            throttled.incrementAndGet();
            return AwsAnswer.error(400, "ThrottlingException", "Rate exceeded");
        }
        JsonObject input;
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            input = text.isBlank() ? JsonObject.empty() : Json.parseObject(text, "the request body");
        } catch (JsonParseException e) {
            return AwsAnswer.error(400, "SerializationException", "The request body is not a valid JSON object");
        }
        Optional<AwsAnswer> unreadable = typeProblem(input);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        List<String> violations = violations(environmentName, input);
        if (!violations.isEmpty()) {
            return AwsAnswer.error(400, "ValidationException", violations.size() + " validation error"
                    + (violations.size() == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
        }
        if (!environmentName.equals(config.environmentName())) {
            return AwsAnswer.error(404, "ResourceNotFoundException", "Environment " + environmentName + " not found.");
        }
        AirflowVersion version = config.airflowVersion();
        if (!version.isAtLeast(2, 4, 3)) {
            return AwsAnswer.plainText(400, UPDATE_YOUR_ENVIRONMENT);
        }
        Fault fault = faults.next();
        if (fault instanceof Fault.Delay delay) {
            pause(delay.delay());
        } else if (fault instanceof Fault.DropConnection) {
            throw Exchanges.dropConnection();
        } else if (fault instanceof Fault.LoseAnswer) {
            airflow.answer(call(input));
            throw Exchanges.dropConnection();
        } else if (fault instanceof Fault.UnreadableAnswer) {
            airflow.answer(call(input));
            return wrapped(new AirflowRestAnswer(200, Json.parse("{\"dag_runs\": 42}")));
        }
        AirflowRestAnswer answer = fault instanceof Fault.Status status
                ? new AirflowRestAnswer(status.status(), status.body().isBlank() ? JsonObject.empty() : Json.parse(status.body()))
                : airflow.answer(call(input));
        return wrapped(answer);
    }

    private static RestApiCall call(JsonObject input) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        input.get("QueryParameters").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .ifPresent(parameters -> parameters.members().forEach((name, value) -> {
                    List<String> values = new ArrayList<>();
                    if (value instanceof JsonArray array) {
                        array.elements().forEach(element -> queryValue(element).ifPresent(values::add));
                    } else {
                        queryValue(value).ifPresent(values::add);
                    }
                    if (!values.isEmpty()) {
                        query.put(name, values);
                    }
                }));
        Optional<JsonValue> body = input.get("Body").filter(value -> !(value instanceof JsonNull));
        return new RestApiCall(input.string("Method").orElseThrow(), input.string("Path").orElseThrow(), query, body);
    }

    /**
     * A query value as Python's {@code requests} writes it: text as is, numbers as written, booleans as
     * {@code True}/{@code False}, None left out; an object as its JSON text.
     */
    private static Optional<String> queryValue(JsonValue value) {
        if (value instanceof JsonString string) {
            return Optional.of(string.value());
        }
        if (value instanceof JsonNumber number) {
            return Optional.of(number.text());
        }
        if (value instanceof JsonBoolean bool) {
            return Optional.of(bool.value() ? "True" : "False");
        }
        if (value instanceof JsonNull) {
            return Optional.empty();
        }
        return Optional.of(JsonWriter.compact().write(value));
    }

    /** A member of the wrong JSON type cannot be read into the request at all. */
    private static Optional<AwsAnswer> typeProblem(JsonObject input) {
        for (String member : List.of("Path", "Method")) {
            Optional<JsonValue> value = input.get(member);
            if (value.isPresent() && !(value.get() instanceof JsonString) && !(value.get() instanceof JsonNull)) {
                return Optional.of(AwsAnswer.error(400, "SerializationException",
                        "Expected a string for " + member));
            }
        }
        return Optional.empty();
    }

    /** Every broken constraint, in the words AWS's request validation uses. */
    private static List<String> violations(String environmentName, JsonObject input) {
        List<String> violations = new ArrayList<>();
        if (environmentName.length() > 80) {
            violations.add("Value '" + environmentName + "' at 'name' failed to satisfy constraint: Member must have "
                    + "length less than or equal to 80");
        } else if (!ENVIRONMENT_NAME.matcher(environmentName).matches()) {
            violations.add("Value '" + environmentName + "' at 'name' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: " + ENVIRONMENT_NAME.pattern());
        }
        Optional<String> path = input.string("Path");
        if (path.isEmpty()) {
            violations.add("Value null at 'path' failed to satisfy constraint: Member must not be null");
        } else if (path.get().isEmpty()) {
            violations.add("Value '' at 'path' failed to satisfy constraint: Member must have length greater than or "
                    + "equal to 1");
        } else if (path.get().length() > MAX_PATH_LENGTH) {
            violations.add("Value '" + path.get() + "' at 'path' failed to satisfy constraint: Member must have length "
                    + "less than or equal to " + MAX_PATH_LENGTH);
        }
        Optional<String> method = input.string("Method");
        if (method.isEmpty()) {
            violations.add("Value null at 'method' failed to satisfy constraint: Member must not be null");
        } else if (!METHODS.contains(method.get())) {
            violations.add("Value '" + method.get() + "' at 'method' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: [" + String.join(", ", METHODS) + "]");
        }
        return violations;
    }

    private static AwsAnswer wrapped(AirflowRestAnswer answer) {
        JsonObject members = JsonObject.builder()
                .put("RestApiStatusCode", answer.status())
                .put("RestApiResponse", answer.body())
                .build();
        if (answer.status() >= 500) {
            return AwsAnswer.error(400, "RestApiServerException", members);
        }
        if (answer.status() >= 400) {
            return AwsAnswer.error(400, "RestApiClientException", members);
        }
        return AwsAnswer.ok(members);
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
