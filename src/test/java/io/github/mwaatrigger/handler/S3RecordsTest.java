package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records S3 (or a hand-made event) may deliver: each is read, or reported saying what was wrong with it. */
class S3RecordsTest {

    private static String record(String s3) {
        return "{\"eventName\": \"ObjectCreated:Put\", \"eventTime\": \"2024-06-01T08:30:00.000Z\", "
                + "\"awsRegion\": \"us-east-1\"" + (s3 == null ? "" : ", \"s3\": " + s3) + "}";
    }

    private static String s3(String bucket, String object) {
        return "{\"bucket\": " + bucket + ", \"object\": " + object + "}";
    }

    private static String object(String key) {
        return "{\"key\": " + key + ", \"size\": 1, \"eTag\": \"etag\", \"versionId\": \"\", \"sequencer\": \"01\"}";
    }

    private static UploadBatch read(String... records) {
        return S3Records.of(Json.parseObject("{\"Records\": [" + String.join(", ", List.of(records)) + "]}", "test"));
    }

    @Test
    void key_isDecodedWithFormUrlRules_andEmptyFieldsAreAbsent() {
        UploadBatch read = read(record(s3("{\"name\": \"bucket\"}", object("\"incoming/sales+report%2B%C3%A9.csv\""))));

        assertThat(read.unreadable()).isEmpty();
        assertThat(read.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.key()).isEqualTo("incoming/sales report+é.csv");
            assertThat(upload.versionId()).isNull();
            assertThat(upload.size()).isEqualTo(1L);
            assertThat(upload.eventTime()).isEqualTo("2024-06-01T08:30:00Z");
        });
    }

    @Test
    void keyThatIsNotFormUrlEncoded_isReportedWithItsLocation() {
        UploadBatch read = read(record(s3("{\"name\": \"bucket\"}", object("\"bad%zzkey\""))),
                record(s3("{\"name\": \"bucket\"}", object("\"good\""))));

        assertThat(read.uploads()).extracting(upload -> upload.key()).containsExactly("good");
        assertThat(read.unreadable()).containsExactly(
                "s3://bucket/bad%zzkey: the key is not form-URL-encoded as S3 sends it");
    }

    @Test
    void missingFields_areReportedByName_notAsBadlyEncodedKeys() {
        UploadBatch read = read(record(null), record(s3("null", object("\"k\""))),
                record(s3("{\"name\": null}", object("\"k\""))), record(s3("{\"name\": \"bucket\"}", "null")),
                record(s3("{\"name\": \"bucket\"}", object("null"))), record(s3("{\"name\": \"bucket\"}",
                        object("\"\""))), "\"not a record\"");

        assertThat(read.uploads()).isEmpty();
        assertThat(read.unreadable()).containsExactly(
                "a record without s3, which every S3 object notification carries",
                "a record without s3.bucket.name, which every S3 object notification carries",
                "a record without s3.bucket.name, which every S3 object notification carries",
                "a record without s3.object.key, which every S3 object notification carries",
                "a record without s3.object.key, which every S3 object notification carries",
                "a record without s3.object.key, which every S3 object notification carries",
                "a record without s3, which every S3 object notification carries");
    }
}
