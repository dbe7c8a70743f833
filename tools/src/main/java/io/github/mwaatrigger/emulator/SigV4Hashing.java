package io.github.mwaatrigger.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hash and HMAC primitives of AWS Signature Version 4, with lower-case hex output. */
final class SigV4Hashing {

    private static final String HMAC_SHA_256 = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4Hashing() {
    }

    /** Returns the lower-case hex SHA-256 digest of {@code data}. */
    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    /** Returns the lower-case hex SHA-256 digest of the UTF-8 form of {@code text}. */
    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Derives the signing key: the HMAC chain over the scope's date, region, service and
     * {@code aws4_request}, keyed first with {@code "AWS4" + secretAccessKey}.
     */
    static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] dateKey = hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] regionKey = hmacSha256(dateKey, region);
        byte[] serviceKey = hmacSha256(regionKey, service);
        return hmacSha256(serviceKey, "aws4_request");
    }

    /** Returns the lower-case hex HMAC-SHA256 of {@code stringToSign} under {@code signingKey}. */
    static String signatureHex(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmacSha256(signingKey, stringToSign));
    }

    private static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA_256);
            mac.init(new SecretKeySpec(key, HMAC_SHA_256));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform provides " + HMAC_SHA_256, e);
        }
    }
}
