package io.github.mwaatrigger.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.mwaatrigger.airflow.AirflowIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadRunIdsTest {

    private static ObjectUpload upload(String key, String versionId, String sequencer) {
        return new ObjectUpload("bucket", key, 1L, "etag", versionId, sequencer, "ObjectCreated:Put", null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.csv", "deep/path/to/file name (1).csv", "..", "a..b", "-leading.csv", "日本.csv",
        "dir/", "a-very-long-file-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on.csv"})
    void runIds_areValidForEveryAirflowVersion(String key) {
        String runId = UploadRunIds.runIdFor(upload(key, null, "01"));

        assertThatCode(() -> AirflowIds.requireNewRunId(runId)).as(runId).doesNotThrowAnyException();
        assertThat(runId).startsWith("s3__").matches("[A-Za-z0-9_.-]+").hasSizeLessThanOrEqualTo(AirflowIds.MAX_LENGTH);
    }

    @Test
    void sameEvent_sameRunId_andReuploadOrNewVersion_newRunId() {
        String first = UploadRunIds.runIdFor(upload("a/b.csv", null, "0066"));

        assertThat(UploadRunIds.runIdFor(upload("a/b.csv", null, "0066"))).isEqualTo(first);
        assertThat(UploadRunIds.runIdFor(upload("a/b.csv", null, "0067"))).isNotEqualTo(first);
        assertThat(UploadRunIds.runIdFor(upload("a/b.csv", "v2", "0066"))).isNotEqualTo(first);
        assertThat(UploadRunIds.runIdFor(upload("c/b.csv", null, "0066"))).isNotEqualTo(first);
    }

    @Test
    void runId_showsTheFileName() {
        assertThat(UploadRunIds.runIdFor(upload("incoming/sales 2024.csv", null, "01")))
                .startsWith("s3__sales_2024.csv__");
    }

    /** Run ids are idempotency keys: these exact values must never change, or redelivered events would run twice. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "incoming/report.2024..06.csv, s3__report.2024._06.csv__9fa84ace4d1026b8a6e4fd71",
        "dir/, s3__object__cf972aff45f12ac976891a5b",
        "..., s3__._.__5cb9b76da263a7212bba2b8f"})
    void runIds_stayExactlyAsTheyWere(String key, String runId) {
        assertThat(UploadRunIds.runIdFor(upload(key, null, "01"))).isEqualTo(runId);
    }
}
