package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import io.github.mwaatrigger.uploads.ObjectUpload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns an S3 notification into uploads, decoding each key with form-URL rules as S3 encodes it. */
final class S3Records {

    /** The uploads an event holds, and the records that could not be read (each saying why). */
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
            String missing = missingField(record);
            if (missing != null) {
                unreadable.add("a record without " + missing + ", which every S3 object notification carries");
                continue;
            }
            S3ObjectEntity object = record.getS3().getObject();
            String bucket = record.getS3().getBucket().getName();
            String key;
            try {
                key = object.getUrlDecodedKey();
            } catch (IllegalArgumentException e) {
                unreadable.add("s3://" + bucket + "/" + object.getKey() + ": the key is not form-URL-encoded as S3 "
                        + "sends it");
                continue;
            }
            uploads.add(new ObjectUpload(bucket, key, object.getSizeAsLong(), present(object.geteTag()),
                    present(object.getVersionId()), present(object.getSequencer()), present(record.getEventName()),
                    eventTime(record), present(record.getAwsRegion())));
        }
        return new Uploads(uploads, unreadable);
    }

    /** The first field an upload needs that the record lacks, or null. */
    private static String missingField(S3EventNotificationRecord record) {
        S3Entity s3 = record.getS3();
        if (s3 == null) {
            return "s3";
        }
        if (s3.getBucket() == null || present(s3.getBucket().getName()) == null) {
            return "s3.bucket.name";
        }
        if (s3.getObject() == null || present(s3.getObject().getKey()) == null) {
            return "s3.object.key";
        }
        return null;
    }

    /** The runtime's deserializer gives absent fields as "" (an unversioned object's version id): null them. */
    private static String present(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String eventTime(S3EventNotificationRecord record) {
        return record.getEventTime() == null ? null : Instant.ofEpochMilli(record.getEventTime().getMillis()).toString();
    }
}
