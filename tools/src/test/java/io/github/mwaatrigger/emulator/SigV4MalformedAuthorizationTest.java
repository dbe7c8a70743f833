package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.SignatureVerdict.Rejected;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks that malformed authentication is rejected with the error AWS gives, naming what is wrong. */
class SigV4MalformedAuthorizationTest {

    private static final String CREDENTIAL = "Credential=AKIAIOSFODNN7EXAMPLE/20240501/us-east-1/airflow/aws4_request";
    private static final String SIGNATURE = "Signature=" + "0".repeat(64);

    private final SigV4Verifier verifier = new SigV4Verifier("airflow", "us-east-1",
            accessKeyId -> Optional.of("secret"), Clock.fixed(Instant.parse("2024-05-01T10:15:30Z"), ZoneOffset.UTC));

    @Test
    void rejectsMissingParametersNamingEachOne() {
        String authorization = "AWS4-HMAC-SHA256 " + CREDENTIAL;

        assertThat(verifier.verify(requestWith(authorization, "20240501T101530Z"))).isEqualTo(incomplete(
                "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization=" + authorization));
    }

    @Test
    void rejectsAParameterWithoutAnEqualSign() {
        String authorization = "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders, " + SIGNATURE;

        assertThat(verifier.verify(requestWith(authorization, "20240501T101530Z"))).isEqualTo(incomplete(
                "'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + authorization + "'."));
    }

    @Test
    void rejectsAnotherAlgorithm() {
        String authorization = "AWS4-HMAC-SHA512 " + CREDENTIAL + ", SignedHeaders=host;x-amz-date, " + SIGNATURE;

        assertThat(verifier.verify(requestWith(authorization, "20240501T101530Z"))).isEqualTo(incomplete(
                "Unsupported authorization algorithm 'AWS4-HMAC-SHA512': only AWS4-HMAC-SHA256 is supported. "
                        + "Authorization=" + authorization));
    }

    @Test
    void rejectsACredentialWithoutFiveElements() {
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240501/us-east-1/airflow, "
                + "SignedHeaders=host;x-amz-date, " + SIGNATURE;

        assertThat(verifier.verify(requestWith(authorization, "20240501T101530Z"))).isEqualTo(incomplete(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                        + "got 'AKIAIOSFODNN7EXAMPLE/20240501/us-east-1/airflow'"));
    }

    @Test
    void rejectsACredentialWithAnotherTerminator() {
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240501/us-east-1/airflow/aws4, "
                + "SignedHeaders=host;x-amz-date, " + SIGNATURE;

        assertThat(verifier.verify(requestWith(authorization, "20240501T101530Z"))).isEqualTo(new Rejected(403,
                "InvalidSignatureException",
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4'."));
    }

    @Test
    void rejectsARequestWithoutADateHeader() {
        String authorization = "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, " + SIGNATURE;

        assertThat(verifier.verify(requestWith(authorization, null))).isEqualTo(incomplete(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=" + authorization));
    }

    @Test
    void rejectsAnXAmzDateNotInBasicFormat() {
        String authorization = "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host;x-amz-date, " + SIGNATURE;

        assertThat(verifier.verify(requestWith(authorization, "2024-05-01T10:15:30Z"))).isEqualTo(incomplete(
                "Date must be in ISO-8601 'basic format'. Got '2024-05-01T10:15:30Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601"));
    }

    private static Rejected incomplete(String message) {
        return new Rejected(400, "IncompleteSignatureException", message);
    }

    private static SignedRequest requestWith(String authorization, String amzDate) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("localhost:8080"));
        if (amzDate != null) {
            headers.put("X-Amz-Date", List.of(amzDate));
        }
        headers.put("Authorization", List.of(authorization));
        return new SignedRequest("POST", "/clitoken/MyEnv", null, headers, new byte[0]);
    }
}
