package io.github.mwaatrigger.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Computes the SigV4 signature a received request should carry, with the signing core of the AWS SDK for
 * Java v2 ({@code http-auth-aws}): the canonical request, string to sign, signing key and signature are
 * the SDK's, over exactly the headers the client listed as signed and the payload hash it was given.
 *
 * <p>Why the SDK's {@link DefaultV4RequestSigner} and not the public {@code AwsV4HttpSigner} that wraps
 * it: the public signer always adds and signs {@code x-amz-content-sha256} and {@code X-Amz-Date}, so it
 * can only reproduce signatures that sign both. botocore (the aws CLI, boto3) and curl sign neither
 * {@code x-amz-content-sha256} for this service nor, when a request is dated by {@code Date},
 * {@code X-Amz-Date}. The request signer below signs what it is given and nothing more, which is what
 * checking someone else's signature needs. It is SDK-internal API, pinned by the SDK BOM; the SigV4
 * tests (AWS's known answers, botocore's recorded requests, the SDK's own client) fail if an SDK update
 * changes it.
 *
 * <p>The SDK never signs {@code user-agent}, {@code expect}, {@code connection}, {@code transfer-encoding},
 * {@code x-forwarded-for} or {@code x-amzn-trace-id}, so a request that lists one of them as signed does
 * not verify; none of the SDKs or curl sign them.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class SdkSigV4Signer {

    /**
     * The scheme and host the SDK's request model requires. The canonical request covers the path, the
     * query and the signed headers ({@code Host} among them), never the URI's scheme or host, so any will do.
     */
    private static final String ORIGIN = "https://mwaa-emulator.invalid";

    private final String service;
    private final String region;

    /**
     * Creates a signer for one service in one region.
     *
     * @param service the signing name of the service, e.g. {@code airflow}
     * @param region  the region, e.g. {@code us-east-1}
     */
    SdkSigV4Signer(String service, String region) {
        this.service = service;
        this.region = region;
    }

    /**
     * Signs {@code request} as its client should have, the path encoded twice and normalized as for every
     * service but S3.
     *
     * @param request       the request as received
     * @param signedHeaders the names the client listed as signed; no other header is signed
     * @param signedAt      the signing time the client declared
     * @param credentials   the access key ID and its secret key
     * @param payloadHash   the hex SHA-256 of the body, or the {@code X-Amz-Content-Sha256} value checked against it
     * @return the signature in lower-case hex, or empty if the request's method is not one the SDK can sign
     *     (it knows GET, POST, PUT, DELETE, HEAD, PATCH and OPTIONS)
     */
    Optional<String> signature(SignedRequest request, List<String> signedHeaders, Instant signedAt,
            AwsCredentialsIdentity credentials, String payloadHash) {
        V4Properties properties = V4Properties.builder()
                .credentials(credentials)
                .credentialScope(new CredentialScope(region, service, signedAt))
                .signingClock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .doubleUrlEncode(true)
                .normalizePath(true)
                .build();
        return Arrays.stream(SdkHttpMethod.values())
                .filter(method -> method.name().equals(request.method()))
                .findFirst()
                .map(method -> new DefaultV4RequestSigner(properties, payloadHash)
                        .sign(withOnlySignedHeaders(method, request, signedHeaders))
                        .getSignature());
    }

    /** The request in the SDK's model, with its headers narrowed to the signed ones. */
    private static SdkHttpRequest.Builder withOnlySignedHeaders(
            SdkHttpMethod method, SignedRequest request, List<String> signedHeaders) {
        String target = request.rawQuery() == null ? request.rawPath() : request.rawPath() + '?' + request.rawQuery();
        SdkHttpRequest.Builder copy = SdkHttpRequest.builder().method(method).uri(URI.create(ORIGIN + target));
        signedHeaders.forEach(name -> copy.putHeader(name, request.headerValues(name)));
        return copy;
    }
}
