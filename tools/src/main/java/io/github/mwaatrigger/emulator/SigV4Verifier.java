package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.emulator.SignatureVerdict.Accepted;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies AWS Signature Version 4 (header-based, {@code AWS4-HMAC-SHA256}) on requests to one service
 * in one region, and rejects bad requests with the error types and messages AWS uses.
 *
 * <p>Checks, in order: an Authorization header is present; it is well formed; the request carries an
 * {@code X-Amz-Date} (or {@code Date}) header; the credential is scoped to the request's date, this
 * region and this service; {@code host} and, when present, {@code X-Amz-Security-Token} are signed; the
 * request time is within five minutes of the clock; the access key ID is known; an
 * {@code X-Amz-Content-Sha256} header, when present, matches the body; the signature matches the one the
 * AWS SDK for Java computes for the request (see {@link SdkSigV4Signer}), compared in constant time.
 *
 * <p>Presigned URLs (query-string authentication) are not supported. The session token is not checked
 * beyond being signed. Instances are immutable and safe for concurrent use.
 */
public final class SigV4Verifier {

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.";

    private final String service;
    private final String region;
    private final SdkSigV4Signer signer;
    private final Function<String, Optional<String>> secretKeyForAccessKeyId;
    private final Clock clock;

    /**
     * Creates a verifier.
     *
     * @param service                 the signing name of the service, e.g. {@code airflow}
     * @param region                  the region requests must be scoped to, e.g. {@code us-east-1}
     * @param secretKeyForAccessKeyId finds the secret access key of an access key ID; empty if the ID is unknown
     * @param clock                   the clock that request times are checked against
     */
    public SigV4Verifier(String service, String region, Function<String, Optional<String>> secretKeyForAccessKeyId,
            Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.region = Objects.requireNonNull(region, "region");
        this.signer = new SdkSigV4Signer(service, region);
        this.secretKeyForAccessKeyId = Objects.requireNonNull(secretKeyForAccessKeyId, "secretKeyForAccessKeyId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the signature of a request.
     *
     * @param request the request as received
     * @return {@link Accepted} with the signer's access key ID, or the rejection AWS would answer with
     */
    public SignatureVerdict verify(SignedRequest request) {
        try {
            return new Accepted(authenticate(request));
        } catch (SigV4Rejection rejection) {
            return rejection.verdict();
        }
    }

    private String authenticate(SignedRequest request) {
        String authorization = request.firstHeaderValue("Authorization")
                .orElseThrow(() -> missingAuthorization(request));
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        RequestTimestamp timestamp = RequestTimestamp.of(request, authorization);
        SigningCredential credential = header.credential();
        credential.requireScopedTo(region, service, timestamp);
        requireHostAndTokenSigned(header, request);
        timestamp.requireWithin(MAX_CLOCK_SKEW, clock.instant());
        String secretKey = secretKeyForAccessKeyId.apply(credential.accessKeyId())
                .orElseThrow(SigV4Rejection::unrecognizedClient);
        AwsCredentialsIdentity credentials = AwsCredentialsIdentity.create(credential.accessKeyId(), secretKey);
        String payloadHash = payloadHash(request);
        Optional<String> expectedSignature =
                signer.signature(request, header.signedHeaders(), timestamp.instant(), credentials, payloadHash);
        boolean matches = expectedSignature
                .map(expected -> MessageDigest.isEqual(ascii(expected), ascii(header.signature())))
                .orElse(false);
        if (!matches) {
            throw SigV4Rejection.invalidSignature(SIGNATURE_MISMATCH);
        }
        return credential.accessKeyId();
    }

    private static SigV4Rejection missingAuthorization(SignedRequest request) {
        if (isPresigned(request.rawQuery())) {
            return SigV4Rejection.incompleteSignature("Query-string (presigned URL) authentication is not "
                    + "supported; sign the request with an Authorization header.");
        }
        return SigV4Rejection.missingAuthenticationToken();
    }

    private static boolean isPresigned(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("X-Amz-Algorithm=") || pair.startsWith("X-Amz-Signature=")) {
                return true;
            }
        }
        return false;
    }

    private static void requireHostAndTokenSigned(AuthorizationHeader header, SignedRequest request) {
        if (!header.signs("Host")) {
            throw SigV4Rejection.invalidSignature(
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!request.headerValues("X-Amz-Security-Token").isEmpty() && !header.signs("X-Amz-Security-Token")) {
            throw SigV4Rejection.invalidSignature(
                    "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    /**
     * Returns the {@code X-Amz-Content-Sha256} header if present, after checking that it is the hash of
     * the body (so a signed request's body cannot be swapped), or else the hash of the body.
     */
    private static String payloadHash(SignedRequest request) {
        String bodyHash = sha256Hex(request.body());
        Optional<String> declaredHash = request.firstHeaderValue("X-Amz-Content-Sha256");
        if (declaredHash.isPresent() && !declaredHash.get().equalsIgnoreCase(bodyHash)) {
            throw SigV4Rejection.invalidSignature(
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declaredHash.orElse(bodyHash);
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
