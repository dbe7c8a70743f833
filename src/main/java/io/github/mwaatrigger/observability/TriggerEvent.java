package io.github.mwaatrigger.observability;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one trigger, as the one log line that tells it: a JSON object for CloudWatch Logs (Insights
 * reads its fields; Lambda's JSON log format filters it by {@code level}) that is also a CloudWatch embedded
 * metric format document, from which CloudWatch makes the metrics {@code RunsCreated},
 * {@code RunsAlreadyExisted}, {@code RunsFailed} (Count) and {@code TriggerDuration} (Milliseconds) in the
 * namespace {@value #NAMESPACE}, per {@code Function}. Every line carries all three counts (0 or 1), so that
 * their sums count triggers and their averages are rates.
 *
 * @param invocation the Lambda invocation the trigger was made for
 * @param dagId      the DAG
 * @param runId      the run id asked for
 * @param outcome    what became of it
 * @param failure    why it failed, for {@link Outcome#FAILED} only
 * @param attempts   the attempts its calls to MWAA took
 * @param duration   how long it took
 * @param at         when it ended
 */
public record TriggerEvent(LambdaInvocation invocation, String dagId, String runId, Outcome outcome,
        Optional<Failure> failure, long attempts, Duration duration, Instant at) {

    /** The CloudWatch namespace of the metrics. */
    public static final String NAMESPACE = "MwaaTrigger";
    /** The metrics' one dimension: the function's name. */
    public static final String DIMENSION = "Function";
    /** The metric of how long triggers take. */
    public static final String DURATION_METRIC = "TriggerDuration";

    /** What became of a trigger. */
    public enum Outcome {
        /** Airflow made the run now. */
        CREATED("RunsCreated"),
        /** The run already existed (a repeated event or request). */
        ALREADY_EXISTED("RunsAlreadyExisted"),
        /** It could not be made; the invocation fails (or the API answers with an error). */
        FAILED("RunsFailed");

        private final String metric;

        Outcome(String metric) {
            this.metric = metric;
        }

        /** The name of the metric that counts this outcome. */
        public String metric() {
            return metric;
        }
    }

    /**
     * Why a trigger failed.
     *
     * @param type      the failure's class, such as {@code DagNotFoundException}
     * @param retryable whether trying again later can help, when the failure says so
     * @param message   what happened, written for the person who has to act (never a CLI token)
     */
    public record Failure(String type, Optional<Boolean> retryable, String message) {
        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(retryable, "retryable");
            Objects.requireNonNull(message, "message");
        }
    }

    public TriggerEvent {
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
        if (failure.isPresent() != (outcome == Outcome.FAILED)) {
            throw new IllegalArgumentException("a failure goes with the outcome FAILED and only with it");
        }
    }

    /** The log line's JSON object (written on one line, it is the line). */
    public JsonObject toJson() {
        long millis = duration.toMillis();
        JsonObject.Builder line = JsonObject.builder()
                .put("_aws", metadata())
                .put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("level", outcome == Outcome.FAILED ? "ERROR" : "INFO")
                .put("message", "DAG " + dagId + " run " + runId + ": " + outcome
                        + failure.map(why -> " (" + why.type() + ")").orElse(""))
                .put(DIMENSION, invocation.function())
                .put("request_id", invocation.requestId());
        invocation.apiRequestId().ifPresent(id -> line.put("api_request_id", id));
        line.put("dag_id", dagId).put("dag_run_id", runId).put("outcome", outcome.name());
        failure.ifPresent(why -> {
            line.put("failure", why.type());
            why.retryable().ifPresent(retryable -> line.put("retryable", retryable));
            line.put("error", why.message());
        });
        line.put("attempts", attempts).put("duration_ms", millis);
        for (Outcome counted : Outcome.values()) {
            line.put(counted.metric(), counted == outcome ? 1 : 0);
        }
        return line.put(DURATION_METRIC, millis).build();
    }

    /** The embedded metric format's {@code _aws} member: which fields are metrics, of what unit, by what dimension. */
    private JsonObject metadata() {
        List<JsonValue> metrics = new ArrayList<>();
        for (Outcome counted : Outcome.values()) {
            metrics.add(metric(counted.metric(), "Count"));
        }
        metrics.add(metric(DURATION_METRIC, "Milliseconds"));
        JsonObject directive = JsonObject.builder()
                .put("Namespace", NAMESPACE)
                .put("Dimensions", new JsonArray(List.of(new JsonArray(List.of(new JsonString(DIMENSION))))))
                .put("Metrics", new JsonArray(metrics))
                .build();
        return JsonObject.builder()
                .put("Timestamp", at.toEpochMilli())
                .put("CloudWatchMetrics", new JsonArray(List.of(directive)))
                .build();
    }

    private static JsonObject metric(String name, String unit) {
        return JsonObject.builder().put("Name", name).put("Unit", unit).build();
    }
}
