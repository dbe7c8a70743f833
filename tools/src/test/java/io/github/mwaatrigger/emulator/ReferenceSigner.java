package io.github.mwaatrigger.emulator;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the SigV4 signer of the AWS SDK for Java v2, the reference implementation, and
 * returns them as the emulator would receive them.
 *
 * @param identity the credentials to sign with
 * @param service  the signing name of the service
 * @param region   the signing region
 * @param clock    the signing clock
 */
record ReferenceSigner(AwsCredentialsIdentity identity, String service, String region, Clock clock) {

    private static final String ENDPOINT = "http://localhost:8080";

    /** Signs a request to the emulator's endpoint; {@code pathAndQuery} is still percent-encoded. */
    SignedRequest sign(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return receivedAs(signWith(AuthLocation.HEADER, method, pathAndQuery, headers, body), body);
    }

    /** Presigns a request: the signature goes into the query string instead of the Authorization header. */
    SignedRequest presign(String method, String pathAndQuery) {
        return receivedAs(signWith(AuthLocation.QUERY_STRING, method, pathAndQuery, Map.of(), new byte[0]),
                new byte[0]);
    }

    /** Returns a signer that differs from this one only in its credentials. */
    ReferenceSigner withIdentity(AwsCredentialsIdentity otherIdentity) {
        return new ReferenceSigner(otherIdentity, service, region, clock);
    }

    /** Returns a signer that differs from this one only in its region. */
    ReferenceSigner withRegion(String otherRegion) {
        return new ReferenceSigner(identity, service, otherRegion, clock);
    }

    /** Returns a signer that differs from this one only in its service. */
    ReferenceSigner withService(String otherService) {
        return new ReferenceSigner(identity, otherService, region, clock);
    }

    private SdkHttpRequest signWith(
            AuthLocation location, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(ENDPOINT + pathAndQuery));
        headers.forEach(unsigned::putHeader);
        return AwsV4HttpSigner.create().sign(signing -> signing
                        .identity(identity)
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, location)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request();
    }

    private static SignedRequest receivedAs(SdkHttpRequest signed, byte[] body) {
        return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.getUri().getRawQuery(),
                signed.headers(), body);
    }
}
