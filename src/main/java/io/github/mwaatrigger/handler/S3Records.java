package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import io.github.mwaatrigger.uploads.ObjectUpload;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns an S3 notification into uploads, decoding each key with form-URL rules as S3 encodes it. */
final class S3Records {

    /** The uploads an event holds, and the records that could not be read. */
    record Uploads(List<ObjectUpload> uploads, List<String> unreadable) {
    }

    private S3Records() {
    }

    /** An {@code s3:TestEvent} and other events without records give no uploads. */
    static Uploads of(S3Event event) {
        List<ObjectUpload> uploads = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new Uploads(uploads, unreadable);
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            if (record.getS3() == null || record.getS3().getObject() == null || record.getS3().getBucket() == null) {
                unreadable.add("a record without s3.bucket and s3.object");
                continue;
            }
            S3ObjectEntity object = record.getS3().getObject();
            String bucket = record.getS3().getBucket().getName();
            try {
                String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
                uploads.add(new ObjectUpload(bucket, key, object.getSizeAsLong(), present(object.geteTag()),
                        present(object.getVersionId()), present(object.getSequencer()), present(record.getEventName()),
                        eventTime(record), present(record.getAwsRegion())));
            } catch (IllegalArgumentException | NullPointerException e) {
                unreadable.add("s3://" + bucket + "/" + object.getKey() + ": the key is not form-URL-encoded as S3 "
                        + "sends it");
            }
        }
        return new Uploads(uploads, unreadable);
    }

    /** The runtime's deserializer gives absent fields as "" (an unversioned object's version id): null them. */
    private static String present(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String eventTime(S3EventNotificationRecord record) {
        return record.getEventTime() == null ? null : Instant.ofEpochMilli(record.getEventTime().getMillis()).toString();
    }
}
