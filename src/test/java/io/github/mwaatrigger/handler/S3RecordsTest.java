package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records S3 (or a hand-made event) may deliver: each is read, or reported saying what was wrong with it. */
class S3RecordsTest {

    private static S3EventNotificationRecord record(S3Entity s3) {
        return new S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3", "2024-06-01T08:30:00.000Z",
                "2.1", null, null, s3, null);
    }

    private static S3Entity s3(String bucket, String key) {
        return new S3Entity("config", bucket == null ? null : new S3BucketEntity(bucket, null, "arn:aws:s3:::" + bucket),
                key == null ? null : new S3ObjectEntity(key, 1L, "etag", "", "01"), "1.0");
    }

    private static S3Records.Uploads read(S3EventNotificationRecord... records) {
        return S3Records.of(new S3Event(List.of(records)));
    }

    @Test
    void key_isDecodedWithFormUrlRules_andEmptyFieldsAreAbsent() {
        S3Records.Uploads read = read(record(s3("bucket", "incoming/sales+report%2B%C3%A9.csv")));

        assertThat(read.unreadable()).isEmpty();
        assertThat(read.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.key()).isEqualTo("incoming/sales report+é.csv");
            assertThat(upload.versionId()).isNull();
            assertThat(upload.eventTime()).isEqualTo("2024-06-01T08:30:00Z");
        });
    }

    @Test
    void keyThatIsNotFormUrlEncoded_isReportedWithItsLocation() {
        S3Records.Uploads read = read(record(s3("bucket", "bad%zzkey")), record(s3("bucket", "good")));

        assertThat(read.uploads()).extracting(upload -> upload.key()).containsExactly("good");
        assertThat(read.unreadable()).containsExactly(
                "s3://bucket/bad%zzkey: the key is not form-URL-encoded as S3 sends it");
    }

    @Test
    void missingFields_areReportedByName_notAsBadlyEncodedKeys() {
        S3Entity bucketWithoutName = new S3Entity("config", new S3BucketEntity(null, null, null),
                new S3ObjectEntity("k", 1L, "etag", null, "01"), "1.0");
        S3Entity objectWithoutKey = new S3Entity("config", new S3BucketEntity("bucket", null, null),
                new S3ObjectEntity(null, 1L, "etag", null, "01"), "1.0");

        S3Records.Uploads read = read(record(null), record(s3(null, "k")), record(bucketWithoutName),
                record(s3("bucket", null)), record(objectWithoutKey), record(s3("bucket", "")));

        assertThat(read.uploads()).isEmpty();
        assertThat(read.unreadable()).containsExactly(
                "a record without s3, which every S3 object notification carries",
                "a record without s3.bucket.name, which every S3 object notification carries",
                "a record without s3.bucket.name, which every S3 object notification carries",
                "a record without s3.object.key, which every S3 object notification carries",
                "a record without s3.object.key, which every S3 object notification carries",
                "a record without s3.object.key, which every S3 object notification carries");
    }
}
