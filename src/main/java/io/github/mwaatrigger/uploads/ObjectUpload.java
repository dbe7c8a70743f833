package io.github.mwaatrigger.uploads;

import java.util.Objects;

/**
 * One object-created event from S3 (an S3 notification, or the {@code Object Created} event S3 sends to
 * EventBridge), with the key already decoded. Fields S3 did not send are {@code null}.
 *
 * @param bucket    the bucket
 * @param key       the object key, decoded from S3's form-URL encoding ({@code red+flower.jpg} is {@code red flower.jpg})
 * @param size      the object's size in bytes, or null
 * @param eTag      the object's ETag, or null
 * @param versionId the object version (versioned buckets), or null
 * @param sequencer S3's ordering token for events on this key, or null
 * @param eventName a notification's {@code eventName} such as {@code ObjectCreated:Put}, or an EventBridge
 *                  event's {@code reason} such as {@code PutObject}; or null
 * @param eventTime when S3 saw the event, ISO 8601, or null
 * @param region    the bucket's region, or null
 */
public record ObjectUpload(String bucket, String key, Long size, String eTag, String versionId, String sequencer,
        String eventName, String eventTime, String region) {

    public ObjectUpload {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** {@code s3://bucket/key}, for messages. */
    public String location() {
        return "s3://" + bucket + "/" + key;
    }
}
