package io.github.mwaatrigger.uploads;

import io.github.mwaatrigger.trigger.RunIds;

/**
 * Run ids for uploads: the same S3 event always gives the same run id, so a duplicate delivery finds its
 * run already there, while a real re-upload of the same key (a new sequencer, and a new version id on a
 * versioned bucket) gives a new one.
 *
 * <p>Form: {@code s3__<file name>__<hash>}, e.g. {@code s3__report_2024-06-01.csv__3f9a0c1b2d4e5f60718293a4}.
 * The file name (the key's last segment, sanitized, at most 100 characters) is for people; the hash (96
 * bits of SHA-256 over bucket, key, version id or ETag, and sequencer) is the identity.
 */
public final class UploadRunIds {

    static final int MAX_NAME_LENGTH = 100;

    private UploadRunIds() {
    }

    public static String runIdFor(ObjectUpload upload) {
        String version = upload.versionId() != null ? upload.versionId() : nullToEmpty(upload.eTag());
        String identity = String.join("\u0000", upload.bucket(), upload.key(), version, nullToEmpty(upload.sequencer()));
        String name = RunIds.readable(upload.key().substring(upload.key().lastIndexOf('/') + 1), MAX_NAME_LENGTH,
                "object");
        return "s3__" + name + "__" + RunIds.digest(identity, 12);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
