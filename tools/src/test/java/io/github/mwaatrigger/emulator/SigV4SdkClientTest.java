package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.SignatureVerdict.Accepted;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;

/**
 * Checks requests made by the real {@link MwaaClient} of the AWS SDK for Java v2, captured by an HTTP
 * client that records them instead of sending them.
 */
class SigV4SdkClientTest {

    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** Keeps the client from reading the user's ~/.aws/config. */
    private static final ProfileFile EMPTY_PROFILE_FILE = ProfileFile.builder()
            .content(InputStream.nullInputStream()).type(ProfileFile.Type.CONFIGURATION).build();

    private final RecordingHttpClient httpClient = new RecordingHttpClient();
    private final SigV4Verifier verifier = new SigV4Verifier("airflow", "us-east-1",
            accessKeyId -> Optional.of(SECRET_KEY).filter(secret -> accessKeyId.equals(ACCESS_KEY_ID)),
            Clock.systemUTC());

    private MwaaClient client;

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void acceptsCreateCliToken() {
        client = mwaaClient(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY));

        client.createCliToken(request -> request.name("MyEnv"));

        assertThat(httpClient.onlyRequest().rawPath()).isEqualTo("/clitoken/MyEnv");
        assertThat(verifier.verify(httpClient.onlyRequest())).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsGetEnvironmentWithASessionToken() {
        client = mwaaClient(AwsSessionCredentials.create(ACCESS_KEY_ID, SECRET_KEY, "session-token"));

        client.getEnvironment(request -> request.name("MyEnv"));

        assertThat(httpClient.onlyRequest().rawPath()).isEqualTo("/environments/MyEnv");
        assertThat(verifier.verify(httpClient.onlyRequest())).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    @Test
    void acceptsGetEnvironmentOfANameThatNeedsEncoding() {
        client = mwaaClient(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY));

        client.getEnvironment(request -> request.name("a b"));

        assertThat(httpClient.onlyRequest().rawPath()).isEqualTo("/environments/a%20b");
        assertThat(verifier.verify(httpClient.onlyRequest())).isEqualTo(new Accepted(ACCESS_KEY_ID));
    }

    private MwaaClient mwaaClient(AwsCredentials credentials) {
        return MwaaClient.builder()
                .endpointOverride(URI.create("http://localhost:8080"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(config -> config
                        .defaultProfileFile(EMPTY_PROFILE_FILE)
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .httpClient(httpClient)
                .build();
    }

    /** Records each request as the emulator would receive it and answers {@code 200 {}}. */
    private static final class RecordingHttpClient implements SdkHttpClient {

        private final List<SignedRequest> requests = new ArrayList<>();

        SignedRequest onlyRequest() {
            assertThat(requests).hasSize(1);
            return requests.get(0);
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            SdkHttpRequest http = request.httpRequest();
            byte[] body = request.contentStreamProvider().map(provider -> readAll(provider.newStream()))
                    .orElse(new byte[0]);
            requests.add(new SignedRequest(
                    http.method().name(), http.encodedPath(), http.getUri().getRawQuery(), http.headers(), body));
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/json").build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }

        private static byte[] readAll(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
