package io.github.mwaatrigger.uploads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Run ids for uploads: the same S3 event always gives the same run id, so a duplicate delivery finds its
 * run already there, while a real re-upload of the same key (a new sequencer, and a new version id on a
 * versioned bucket) gives a new one.
 *
 * <p>Form: {@code s3__<file name>__<hash>}, e.g. {@code s3__report_2024-06-01.csv__3f9a0c1b2d4e5f60718293a4}.
 * The file name (the key's last segment, with characters outside {@code A-Z a-z 0-9 _ . -} written as
 * {@code _}, at most 100 characters) is for people; the hash (96 bits of SHA-256 over bucket, key,
 * version id or ETag, and sequencer) is the identity. Valid for every Airflow version.
 */
public final class UploadRunIds {

    static final int MAX_NAME_LENGTH = 100;

    private UploadRunIds() {
    }

    public static String runIdFor(ObjectUpload upload) {
        String identity = String.join("\u0000", upload.bucket(), upload.key(),
                upload.versionId() != null && !upload.versionId().isEmpty() ? upload.versionId() : nullToEmpty(upload.eTag()),
                nullToEmpty(upload.sequencer()));
        return "s3__" + readableName(upload.key()) + "__" + HexFormat.of().formatHex(sha256(identity), 0, 12);
    }

    private static String readableName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < MAX_NAME_LENGTH; i++) {
            char c = name.charAt(i);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && (out.length() == 0 || out.charAt(out.length() - 1) != '.'));
            out.append(safe ? c : '_');
        }
        return out.length() == 0 ? "object" : out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
