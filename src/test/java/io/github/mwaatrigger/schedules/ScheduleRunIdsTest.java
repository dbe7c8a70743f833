package io.github.mwaatrigger.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run ids are idempotency keys: these exact values must never change, or redelivered firings would run twice. */
class ScheduleRunIdsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly.report..v2, "
                + "eventbridge__nightly_report__v2_56b87956__20240601T020000Z",
        "arn:aws:events:us-east-1:123456789012:rule/, eventbridge__schedule_1dfcdc14__20240601T020000Z",
        "arn:aws:scheduler:us-east-1:123456789012:schedule/g/日本, eventbridge_____b8dc2093__20240601T020000Z"})
    void runIds_stayExactlyAsTheyWere(String arn, String runId) {
        assertThat(ScheduleRunIds.runIdFor(arn, Instant.parse("2024-06-01T02:00:00Z"))).isEqualTo(runId);
    }
}
