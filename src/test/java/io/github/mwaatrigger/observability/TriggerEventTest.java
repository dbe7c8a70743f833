package io.github.mwaatrigger.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.observability.TriggerEvent.Failure;
import io.github.mwaatrigger.observability.TriggerEvent.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trigger log's line: the fields people query, and an embedded metric format document CloudWatch accepts. */
class TriggerEventTest {

    private static final Instant AT = Instant.parse("2024-06-01T08:30:01.020Z");
    private static final LambdaInvocation UPLOAD = new LambdaInvocation("mwaa-trigger-S3UploadFunction-AbC123",
            "8f5e0b1c-request", Optional.empty());

    private static TriggerEvent event(Outcome outcome, Optional<Failure> failure) {
        return new TriggerEvent(UPLOAD, "s3_ingest", "s3__a.csv__0123", outcome, failure, 3, Duration.ofMillis(770), AT);
    }

    @Test
    void createdRun_isOneLineWithTheInvocationTheRunTheOutcomeAttemptsDurationAndMetrics() {
        JsonObject line = event(Outcome.CREATED, Optional.empty()).toJson();

        assertThat(line).isEqualTo(Json.parse("""
                {"_aws": {"Timestamp": 1717230601020, "CloudWatchMetrics": [{"Namespace": "MwaaTrigger",
                   "Dimensions": [["Function"]],
                   "Metrics": [{"Name": "RunsCreated", "Unit": "Count"}, {"Name": "RunsAlreadyExisted", "Unit": "Count"},
                               {"Name": "RunsFailed", "Unit": "Count"}, {"Name": "TriggerDuration", "Unit": "Milliseconds"}]}]},
                 "timestamp": "2024-06-01T08:30:01.020Z", "level": "INFO",
                 "message": "DAG s3_ingest run s3__a.csv__0123: CREATED",
                 "Function": "mwaa-trigger-S3UploadFunction-AbC123", "request_id": "8f5e0b1c-request",
                 "dag_id": "s3_ingest", "dag_run_id": "s3__a.csv__0123", "outcome": "CREATED",
                 "attempts": 3, "duration_ms": 770,
                 "RunsCreated": 1, "RunsAlreadyExisted": 0, "RunsFailed": 0, "TriggerDuration": 770}
                """));
    }

    @Test
    void failedRun_saysWhyAtErrorLevel_andCountsOneFailure() {
        JsonObject line = event(Outcome.FAILED, Optional.of(new Failure("MwaaUnavailableException", Optional.of(true),
                "MWAA is unavailable: the web server answered HTTP 503 (gave up after 3 attempts)"))).toJson();

        assertThat(line.string("level")).contains("ERROR");
        assertThat(line.string("outcome")).contains("FAILED");
        assertThat(line.string("failure")).contains("MwaaUnavailableException");
        assertThat(line.get("retryable")).contains(Json.parse("true"));
        assertThat(line.string("error")).contains("MWAA is unavailable: the web server answered HTTP 503 (gave up "
                + "after 3 attempts)");
        assertThat(line.get("RunsFailed")).contains(JsonNumber.of(1));
        assertThat(line.get("RunsCreated")).contains(JsonNumber.of(0));
    }

    @Test
    void apiTrigger_carriesApiGatewaysRequestIdToo() {
        TriggerEvent event = new TriggerEvent(new LambdaInvocation("api", "lambda-id", Optional.of("gateway-id")),
                "etl", "run_1", Outcome.ALREADY_EXISTED, Optional.empty(), 1, Duration.ZERO, AT);

        assertThat(event.toJson().string("api_request_id")).contains("gateway-id");
        assertThat(event.toJson().get("RunsAlreadyExisted")).contains(JsonNumber.of(1));
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyLine_isAnEmbeddedMetricFormatDocument_whoseMetricsAndDimensionAreItsOwnMembers(Outcome outcome) {
        Optional<Failure> failure = outcome == Outcome.FAILED
                ? Optional.of(new Failure("DagNotFoundException", Optional.of(false), "DAG 'x' was not found"))
                : Optional.empty();
        JsonObject line = event(outcome, failure).toJson();

        JsonObject metadata = (JsonObject) line.get("_aws").orElseThrow();
        assertThat(metadata.get("Timestamp")).contains(JsonNumber.of(AT.toEpochMilli()));
        JsonObject directive = (JsonObject) ((JsonArray) metadata.get("CloudWatchMetrics").orElseThrow()).elements()
                .get(0);
        for (JsonValue dimensionSet : ((JsonArray) directive.get("Dimensions").orElseThrow()).elements()) {
            for (JsonValue dimension : ((JsonArray) dimensionSet).elements()) {
                String name = ((JsonString) dimension).value();
                assertThat(line.string(name)).as("dimension %s", name).isPresent();
            }
        }
        long counted = 0;
        for (JsonValue metric : ((JsonArray) directive.get("Metrics").orElseThrow()).elements()) {
            String name = ((JsonObject) metric).string("Name").orElseThrow();
            assertThat(line.get(name)).as("metric %s", name).containsInstanceOf(JsonNumber.class);
            if (((JsonObject) metric).string("Unit").orElseThrow().equals("Count")) {
                counted += Long.parseLong(((JsonNumber) line.get(name).orElseThrow()).text());
            }
        }
        assertThat(counted).as("each line counts exactly one trigger").isEqualTo(1);
    }

    @Test
    void lineWithANewlineInAFailureMessage_isStillOneLine() {
        JsonObject line = event(Outcome.FAILED, Optional.of(new Failure("AirflowCommandException", Optional.of(true),
                "Traceback (most recent call last):\n  File x\nValueError: y"))).toJson();

        assertThat(JsonWriter.compact().write(line)).doesNotContain("\n").contains("\\n");
    }

    @Test
    void failure_goesWithTheFailedOutcomeOnly() {
        assertThatThrownBy(() -> event(Outcome.CREATED, Optional.of(new Failure("X", Optional.empty(), "y"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event(Outcome.FAILED, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
