package io.github.mwaatrigger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run ids are idempotency keys: these exact values must never change, or retried requests would run twice. */
class ApiRunIdsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "order.1234..retry, api__order_1234__retry__649f7c873f5b9f86d1958430",
        "550e8400-e29b-41d4-a716-446655440000, api__550e8400-e29b-41d4-a716-446655440000__a3a9e1ed9732cab28868127b",
        "., api_____cdb4ee2aea69cc6a83331bbe"})
    void runIdsForAKey_stayExactlyAsTheyWere(String key, String runId) {
        assertThat(ApiRunIds.forIdempotencyKey(key)).isEqualTo(runId);
    }
}
