package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.SignatureVerdict.Accepted;
import io.github.mwaatrigger.emulator.SignatureVerdict.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Checks requests signed by the AWS SDK for Java v2's signer, as sent and after tampering. */
class SigV4VerifierTest {

    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNING_TIME = Instant.parse("2024-05-01T10:15:30Z");
    private static final Clock SIGNING_CLOCK = Clock.fixed(SIGNING_TIME, ZoneOffset.UTC);
    private static final byte[] NO_BODY = new byte[0];
    private static final byte[] JSON_BODY = "{\"DagName\":\"example\"}".getBytes(StandardCharsets.UTF_8);

    private static final Rejected SIGNATURE_MISMATCH = new Rejected(403, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS "
                    + "Secret Access Key and signing method. Consult the service documentation for details.");

    private final ReferenceSigner signer = new ReferenceSigner(
            AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_KEY), "airflow", "us-east-1", SIGNING_CLOCK);

    private final SigV4Verifier verifier = verifierAt(SIGNING_TIME);

    @Nested
    class AcceptsRequestsSignedByTheJavaSdk {

        @Test
        void postOfACliTokenWithAnEmptyBody() {
            SignedRequest request = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void getOfAnEnvironment() {
            SignedRequest request = signer.sign("GET", "/environments/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void requestWithASessionToken() {
            SignedRequest request = signer
                    .withIdentity(AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_KEY, "session-token"))
                    .sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(request.firstHeaderValue("X-Amz-Security-Token")).contains("session-token");
            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void requestWithAQueryString() {
            SignedRequest request = signer.sign(
                    "GET", "/environments/MyEnv?zeta=last&Alpha=a%20b&alpha=%2A&alpha=1&flag", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void requestWithABody() {
            SignedRequest request = signer.sign(
                    "POST", "/clitoken/MyEnv", Map.of("Content-Type", "application/json"), JSON_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void pathWhoseSegmentsAreAlreadyPercentEncoded() {
            SignedRequest request = signer.sign("GET", "/environments/a%20b%2Fc", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void pathWithUnreservedPunctuation() {
            SignedRequest request = signer.sign("POST", "/clitoken/My-Env_1.x~y", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void signedHeaderValueWithRunsOfSpaces() {
            SignedRequest request = signer.sign("GET", "/environments/MyEnv",
                    Map.of("X-Custom", "  several   spaces\tand a tab  "), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void headerNamesReceivedInAnotherCase() {
            SignedRequest signed = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);
            Map<String, List<String>> lowerCaseHeaders = new LinkedHashMap<>();
            signed.headers().forEach((name, values) -> lowerCaseHeaders.put(name.toLowerCase(Locale.ROOT), values));

            SignedRequest request = new SignedRequest(
                    signed.method(), signed.rawPath(), signed.rawQuery(), lowerCaseHeaders, signed.body());

            assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void requestSignedFiveMinutesBeforeTheClock() {
            SignedRequest request = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifierAt(SIGNING_TIME.plus(Duration.ofMinutes(5))).verify(request))
                    .isEqualTo(new Accepted(ACCESS_KEY_ID));
        }

        @Test
        void requestSignedFiveMinutesAfterTheClock() {
            SignedRequest request = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifierAt(SIGNING_TIME.minus(Duration.ofMinutes(5))).verify(request))
                    .isEqualTo(new Accepted(ACCESS_KEY_ID));
        }
    }

    @Nested
    class RejectsTamperedRequests {

        private final SignedRequest signedPost = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

        @Test
        void changedMethod() {
            SignedRequest request = new SignedRequest("PUT", signedPost.rawPath(), signedPost.rawQuery(),
                    signedPost.headers(), signedPost.body());

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void methodChangedToOneNoSdkSigns() {
            SignedRequest request = new SignedRequest("PROPFIND", signedPost.rawPath(), signedPost.rawQuery(),
                    signedPost.headers(), signedPost.body());

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void changedPath() {
            SignedRequest request = new SignedRequest(signedPost.method(), "/clitoken/OtherEnv",
                    signedPost.rawQuery(), signedPost.headers(), signedPost.body());

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void changedQueryString() {
            SignedRequest signed = signer.sign("GET", "/environments/MyEnv?page=1", Map.of(), NO_BODY);
            SignedRequest request = new SignedRequest(
                    signed.method(), signed.rawPath(), "page=2", signed.headers(), signed.body());

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void changedValueOfASignedHeader() {
            SignedRequest request = withHeader(signedPost, "Host", "localhost:9090");

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void removedSignedHeader() {
            SignedRequest signed = signer.sign("GET", "/environments/MyEnv", Map.of("X-Custom", "value"), NO_BODY);

            assertThat(verifier.verify(withoutHeader(signed, "X-Custom"))).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void changedBodyWhoseHashIsDeclaredInXAmzContentSha256() {
            SignedRequest signed = signer.sign(
                    "POST", "/clitoken/MyEnv", Map.of("Content-Type", "application/json"), JSON_BODY);
            SignedRequest request = withBody(signed, "{\"DagName\":\"other\"}");

            assertThat(verifier.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                    "The provided 'x-amz-content-sha256' header does not match what was computed."));
        }

        @Test
        void changedBodyWithoutXAmzContentSha256() {
            SignedRequest signed = signer.sign(
                    "POST", "/clitoken/MyEnv", Map.of("Content-Type", "application/json"), JSON_BODY);
            SignedRequest request = withoutHeader(withBody(signed, "{\"DagName\":\"other\"}"), "x-amz-content-sha256");

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void changedSignature() {
            String authorization = signedPost.firstHeaderValue("Authorization").orElseThrow();
            String forged = authorization.substring(0, authorization.length() - 64) + "0".repeat(64);

            assertThat(verifier.verify(withHeader(signedPost, "Authorization", forged)))
                    .isEqualTo(SIGNATURE_MISMATCH);
        }
    }

    @Nested
    class RejectsRequestsSignedWithTheWrongCredentials {

        @Test
        void wrongSecretKey() {
            SignedRequest request = signer
                    .withIdentity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, "not-the-secret-key"))
                    .sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(SIGNATURE_MISMATCH);
        }

        @Test
        void unknownAccessKeyId() {
            SignedRequest request = signer
                    .withIdentity(AwsCredentialsIdentity.create("AKIAUNKNOWNEXAMPLE", SECRET_KEY))
                    .sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Rejected(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }

        @Test
        void wrongRegion() {
            SignedRequest request = signer.withRegion("eu-west-1").sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                    "Credential should be scoped to a valid region, not 'eu-west-1'."));
        }

        @Test
        void wrongService() {
            SignedRequest request = signer.withService("execute-api")
                    .sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: 'airflow'."));
        }

        @Test
        void messagesNeverRevealTheSecretKeyOrTheExpectedSignature() {
            SignedRequest genuine = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);
            String authorization = genuine.firstHeaderValue("Authorization").orElseThrow();
            String expectedSignature = authorization.substring(authorization.length() - 64);
            SignedRequest forged = withHeader(genuine, "Authorization",
                    authorization.replace(expectedSignature, "f".repeat(64)));

            assertThat(verifier.verify(forged)).isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(
                    rejected.message()).doesNotContain(expectedSignature).doesNotContain(SECRET_KEY));
        }
    }

    @Nested
    class RejectsRequestsAtTheWrongTime {

        private final SignedRequest request = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

        @Test
        void signedMoreThanFiveMinutesBeforeTheClock() {
            SigV4Verifier later = verifierAt(SIGNING_TIME.plus(Duration.ofMinutes(5).plusSeconds(1)));

            assertThat(later.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                    "Signature expired: 20240501T101530Z is now earlier than 20240501T101531Z "
                            + "(20240501T102031Z - 5 min.)"));
        }

        @Test
        void signedMoreThanFiveMinutesAfterTheClock() {
            SigV4Verifier earlier = verifierAt(SIGNING_TIME.minus(Duration.ofMinutes(5).plusSeconds(1)));

            assertThat(earlier.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                    "Signature not yet current: 20240501T101530Z is still later than 20240501T101529Z "
                            + "(20240501T101029Z + 5 min.)"));
        }

        @Test
        void credentialScopedToAnotherDay() {
            String authorization = request.firstHeaderValue("Authorization").orElseThrow();
            SignedRequest otherDay =
                    withHeader(request, "Authorization", authorization.replace("/20240501/", "/20240430/"));

            assertThat(verifier.verify(otherDay)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                            + "'20240430' != '20240501', from '20240501T101530Z'."));
        }
    }

    @Nested
    class RejectsRequestsWithHeadersLeftUnsigned {

        @Test
        void hostNotSigned() {
            SignedRequest signed = signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(withSignedHeadersWithout(signed, "host")))
                    .isEqualTo(new Rejected(403, "InvalidSignatureException",
                            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
        }

        @Test
        void securityTokenNotSigned() {
            SignedRequest signed = signer
                    .withIdentity(AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_KEY, "session-token"))
                    .sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY);

            assertThat(verifier.verify(withSignedHeadersWithout(signed, "x-amz-security-token")))
                    .isEqualTo(new Rejected(403, "InvalidSignatureException",
                            "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization."));
        }
    }

    @Nested
    class RejectsRequestsWithoutUsableAuthentication {

        @Test
        void noAuthorizationHeader() {
            SignedRequest request = withoutHeader(
                    signer.sign("POST", "/clitoken/MyEnv", Map.of(), NO_BODY), "Authorization");

            assertThat(verifier.verify(request))
                    .isEqualTo(new Rejected(
                            403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }

        @Test
        void presignedUrl() {
            SignedRequest request = signer.presign("GET", "/environments/MyEnv");

            assertThat(verifier.verify(request)).isEqualTo(new Rejected(400, "IncompleteSignatureException",
                    "Query-string (presigned URL) authentication is not supported; "
                            + "sign the request with an Authorization header."));
        }
    }

    private static SigV4Verifier verifierAt(Instant now) {
        Map<String, String> secretKeys = Map.of(ACCESS_KEY_ID, SECRET_KEY);
        return new SigV4Verifier("airflow", "us-east-1",
                accessKeyId -> Optional.ofNullable(secretKeys.get(accessKeyId)), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = headersWithout(request, name);
        headers.put(name, List.of(value));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    private static SignedRequest withoutHeader(SignedRequest request, String name) {
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(),
                headersWithout(request, name), request.body());
    }

    private static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedRequest withSignedHeadersWithout(SignedRequest request, String signedHeader) {
        String authorization = request.firstHeaderValue("Authorization").orElseThrow();
        String edited = authorization.replace(signedHeader + ";", "").replace(";" + signedHeader + ",", ",");
        return withHeader(request, "Authorization", edited);
    }

    private static Map<String, List<String>> headersWithout(SignedRequest request, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name::equalsIgnoreCase);
        return headers;
    }
}
