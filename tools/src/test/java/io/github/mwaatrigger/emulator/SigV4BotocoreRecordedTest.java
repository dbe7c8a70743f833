package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.SignatureVerdict.Accepted;
import io.github.mwaatrigger.emulator.SignatureVerdict.Rejected;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checks requests recorded from botocore 1.43 (the signer behind boto3 and the aws CLI v1), made by its
 * {@code mwaa} client against {@code http://localhost:8080} with credentials
 * {@code AKIAIOSFODNN7EXAMPLE} / {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY} at 2024-05-01T10:15:30Z.
 * Host headers are those the HTTP client sends for the request URL; botocore adds the operations' host
 * prefixes ({@code env.}, {@code api.}) unless told not to.
 */
class SigV4BotocoreRecordedTest {

    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SCOPE = "Credential=AKIAIOSFODNN7EXAMPLE/20240501/us-east-1/airflow/aws4_request";

    private final SigV4Verifier verifier = new SigV4Verifier("airflow", "us-east-1",
            accessKeyId -> Optional.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                    .filter(secret -> accessKeyId.equals(ACCESS_KEY_ID)),
            Clock.fixed(Instant.parse("2024-05-01T10:16:00Z"), ZoneOffset.UTC));

    @Test
    void acceptsCreateCliToken() {
        SignedRequest request = received("POST", "/clitoken/MyEnv", Map.of(
                "Host", "env.localhost:8080",
                "X-Amz-Date", "20240501T101530Z",
                "Content-Length", "0",
                "Authorization", "AWS4-HMAC-SHA256 " + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=d7f9225bee15fc950f738581ebcb498db206de226328c0b35d9300d9982368c5"));

        assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsCreateCliTokenWithoutHostPrefix() {
        SignedRequest request = received("POST", "/clitoken/My-Env_1", Map.of(
                "Host", "localhost:8080",
                "X-Amz-Date", "20240501T101530Z",
                "Content-Length", "0",
                "Authorization", "AWS4-HMAC-SHA256 " + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=1826d2e34758efe8bc3951d795bad03202ee9bd87807bd85939b983ac5f50c4b"));

        assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsGetEnvironmentWithASessionToken() {
        SignedRequest request = received("GET", "/environments/MyEnv", Map.of(
                "Host", "api.localhost:8080",
                "X-Amz-Date", "20240501T101530Z",
                "X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLETOKEN",
                "Authorization", "AWS4-HMAC-SHA256 " + SCOPE + ", "
                        + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
                        + "Signature=250caa8b3c7517b42f001cec0cacff8f42ab6311965b3d2f4782b74f453d68c6"));

        assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsGetEnvironmentWhosePathBotocoreEncodesTwice() {
        SignedRequest request = received("GET", "/environments/a%20b", Map.of(
                "Host", "api.localhost:8080",
                "X-Amz-Date", "20240501T101530Z",
                "Authorization", "AWS4-HMAC-SHA256 " + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=895c8ecd994e2b1f8e9210e13407ef9a33fc13ea36d44439b70d3d7e4985afc6"));

        assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsARequestDatedByItsDateHeader() {
        SignedRequest request = received("POST", "/clitoken/MyEnv", Map.of(
                "Host", "localhost:8080",
                "Date", "Wed, 01 May 2024 10:15:30 -0000",
                "Authorization", "AWS4-HMAC-SHA256 " + SCOPE + ", SignedHeaders=date;host, "
                        + "Signature=b1923c25834b5c0f6001cf909f1bee3500c28730e5891786863291989fea111f"));

        assertThat(verifier.verify(request)).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void rejectsARecordedRequestReplayedToAnotherHost() {
        SignedRequest request = received("POST", "/clitoken/MyEnv", Map.of(
                "Host", "localhost:8080",
                "X-Amz-Date", "20240501T101530Z",
                "Authorization", "AWS4-HMAC-SHA256 " + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=d7f9225bee15fc950f738581ebcb498db206de226328c0b35d9300d9982368c5"));

        assertThat(verifier.verify(request)).isEqualTo(new Rejected(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS "
                        + "Secret Access Key and signing method. Consult the service documentation for details."));
    }

    private static SignedRequest received(String method, String rawPath, Map<String, String> headers) {
        Map<String, List<String>> received = new LinkedHashMap<>();
        headers.forEach((name, value) -> received.put(name, List.of(value)));
        return new SignedRequest(method, rawPath, null, received, new byte[0]);
    }
}
