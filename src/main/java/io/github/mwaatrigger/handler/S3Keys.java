package io.github.mwaatrigger.handler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Object keys as S3 puts them in its events. Both S3 event notifications ("the object key name value is
 * URL encoded: red flower.jpg becomes red+flower.jpg") and the {@code Object Created} events S3 sends to
 * EventBridge carry the key form-URL-encoded, UTF-8 bytes as {@code %XX} and a space as {@code +}.
 */
final class S3Keys {

    private S3Keys() {
    }

    /**
     * @throws IllegalArgumentException if {@code encoded} holds a {@code %} not followed by two hex digits
     */
    static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** The message for a key that {@link #decode} refused. */
    static String notEncoded(String bucket, String encoded) {
        return "s3://" + bucket + "/" + encoded + ": the key is not form-URL-encoded as S3 sends it";
    }
}
