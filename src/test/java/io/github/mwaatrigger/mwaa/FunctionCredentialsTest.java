package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.mwaa.FunctionCredentials.Source;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A function takes its credentials from where Lambda puts them: the environment variables in an on-demand
 * environment, the container endpoint in a SnapStart-restored one, decided on first use; anything else keeps the
 * SDK's default chain.
 */
class FunctionCredentialsTest {

    private static final String FULL_URI = "http://127.0.0.1:9001/2021-04-23/credentials";

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of("on-demand Lambda", Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY",
                        "secret", "AWS_SESSION_TOKEN", "token"), Source.ENVIRONMENT_VARIABLES),
                Arguments.of("keys and a container endpoint: the keys, as in the default chain",
                        Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
                                "AWS_CONTAINER_CREDENTIALS_FULL_URI", FULL_URI), Source.ENVIRONMENT_VARIABLES),
                Arguments.of("SnapStart-restored Lambda", Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", FULL_URI,
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"), Source.CONTAINER_ENDPOINT),
                Arguments.of("a relative container URI", Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"),
                        Source.CONTAINER_ENDPOINT),
                Arguments.of("an access key without its secret", Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI", FULL_URI), Source.CONTAINER_ENDPOINT),
                Arguments.of("blank keys", Map.of("AWS_ACCESS_KEY_ID", " ", "AWS_SECRET_ACCESS_KEY", ""),
                        Source.DEFAULT_CHAIN),
                Arguments.of("nothing", Map.of("AWS_LAMBDA_FUNCTION_NAME", "f"), Source.DEFAULT_CHAIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void choosesTheSourceLambdaUses(String name, Map<String, String> environment, Source expected) {
        assertThat(new FunctionCredentials(() -> environment).source()).isEqualTo(expected);
    }

    @Test
    void readsTheEnvironmentOnFirstUse_notWhenMade_andOnlyOnce() {
        AtomicInteger reads = new AtomicInteger();
        FunctionCredentials credentials = new FunctionCredentials(() -> {
            reads.incrementAndGet();
            return Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");
        }, source -> StaticCredentialsProvider.create(AwsBasicCredentials.create("ASIAEXAMPLE", "secret")));

        assertThat(reads).hasValue(0);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIAEXAMPLE");
        credentials.resolveCredentials();

        assertThat(reads).hasValue(1);
    }

    @Test
    void eachCallAsksTheChosenProvider_soThatItsRefreshesApply() {
        AtomicInteger calls = new AtomicInteger();
        FunctionCredentials credentials = new FunctionCredentials(() -> Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                FULL_URI), source -> () -> AwsBasicCredentials.create("AKID" + calls.incrementAndGet(), "secret"));

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKID1");
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKID2");
    }

    @Test
    void aSourceThatFails_isReportedAsMissingCredentials_namingTheSource() {
        FunctionCredentials credentials = new FunctionCredentials(() -> Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                FULL_URI), source -> () -> {
                    throw SdkClientException.create("Failed to load credentials from IMDS.");
                });

        assertThatThrownBy(credentials::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessage("Unable to load credentials from the container credentials endpoint "
                        + "(AWS_CONTAINER_CREDENTIALS_FULL_URI): Failed to load credentials from IMDS.");
        SdkClientException failure = catchFailure(credentials);
        RuntimeException reported = new ControlPlaneFailures("MyEnv", "eu-west-1", Optional.of(URI.create(
                "https://127.0.0.1:1")), CredentialsSource.LAMBDA_FUNCTION_ROLE).translate("CreateCliToken", failure);
        assertThat(reported).isInstanceOf(MwaaConfigurationException.class)
                .hasMessage("CreateCliToken was not sent: "
                        + CredentialsSource.LAMBDA_FUNCTION_ROLE.missingCredentials());
    }

    @Test
    void onlyALambdaFunctionSkipsTheDefaultChain() {
        assertThat(FunctionCredentials.forProcess(CredentialsSource.LAMBDA_FUNCTION_ROLE, Map::of))
                .isInstanceOf(FunctionCredentials.class);
        assertThat(FunctionCredentials.forProcess(CredentialsSource.DEFAULT_CHAIN, Map::of))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }

    private static SdkClientException catchFailure(FunctionCredentials credentials) {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }
}
