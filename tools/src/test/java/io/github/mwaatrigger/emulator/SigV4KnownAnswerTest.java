package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.SignatureVerdict.Accepted;
import io.github.mwaatrigger.emulator.SignatureVerdict.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the AWS Signature Version 4 test suite and the IAM example of the SigV4
 * documentation: credentials {@code AKIDEXAMPLE} / {@code wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY},
 * region {@code us-east-1}, signed at 2015-08-30T12:36:00Z.
 */
class SigV4KnownAnswerTest {

    private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock SIGNING_CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final String SUITE_CREDENTIAL = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    private final SigV4Verifier suiteVerifier = verifierFor("service");

    @Test
    void acceptsGetVanilla() {
        SignedRequest request = received("GET", "/", null, "example.amazonaws.com", Map.of(), "",
                "AWS4-HMAC-SHA256 " + SUITE_CREDENTIAL + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        assertThat(suiteVerifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsGetVanillaQueryOrderKeyCase() {
        SignedRequest request = received("GET", "/", "Param2=value2&Param1=value1", "example.amazonaws.com",
                Map.of(), "",
                "AWS4-HMAC-SHA256 " + SUITE_CREDENTIAL + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");

        assertThat(suiteVerifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsPostVanilla() {
        SignedRequest request = received("POST", "/", null, "example.amazonaws.com", Map.of(), "",
                "AWS4-HMAC-SHA256 " + SUITE_CREDENTIAL + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");

        assertThat(suiteVerifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsPostXWwwFormUrlencoded() {
        SignedRequest request = postXWwwFormUrlencoded("Param1=value1");

        assertThat(suiteVerifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void rejectsPostXWwwFormUrlencodedWithAnotherBody() {
        SignedRequest request = postXWwwFormUrlencoded("Param1=value2");

        assertThat(suiteVerifier.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS "
                        + "Secret Access Key and signing method. Consult the service documentation for details."));
    }

    @Test
    void acceptsTheIamListUsersExampleOfTheDocumentation() {
        SignedRequest request = received("GET", "/", "Action=ListUsers&Version=2010-05-08", "iam.amazonaws.com",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), "",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

        assertThat(verifierFor("iam").verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    private static SignedRequest postXWwwFormUrlencoded(String body) {
        return received("POST", "/", null, "example.amazonaws.com",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), body,
                "AWS4-HMAC-SHA256 " + SUITE_CREDENTIAL + ", SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    }

    private static SigV4Verifier verifierFor(String service) {
        return new SigV4Verifier(service, "us-east-1",
                accessKeyId -> Optional.of(SECRET_KEY).filter(secret -> accessKeyId.equals(ACCESS_KEY_ID)),
                SIGNING_CLOCK);
    }

    private static SignedRequest received(String method, String rawPath, String rawQuery, String host,
            Map<String, String> otherHeaders, String body, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host));
        headers.put("X-Amz-Date", List.of("20150830T123600Z"));
        otherHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Authorization", List.of(authorization));
        return new SignedRequest(method, rawPath, rawQuery, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
