package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What an MWAA API failure becomes: retryable only when trying again can help, otherwise a configuration
 * error that keeps AWS's own reason and names what to fix, worded for where the credentials come from.
 */
class ControlPlaneFailuresTest {

    private static final URI EMULATOR = URI.create("https://127.0.0.1:45678");

    private static ControlPlaneFailures on(Optional<URI> endpointOverride, CredentialsSource credentials) {
        return new ControlPlaneFailures("MyEnv", "eu-west-1", endpointOverride, credentials);
    }

    private static AwsServiceException answered(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static SdkClientException notSent(String message, Throwable cause) {
        return SdkClientException.builder().message(message).cause(cause).build();
    }

    @Test
    void credentialsSource_isTheFunctionsRoleOnlyInLambda() {
        assertThat(CredentialsSource.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", "mwaa-trigger-ApiFunction")))
                .isEqualTo(CredentialsSource.LAMBDA_FUNCTION_ROLE);
        assertThat(CredentialsSource.of(Map.of("AWS_REGION", "eu-west-1", "HOME", "/home/me")))
                .isEqualTo(CredentialsSource.DEFAULT_CHAIN);
    }

    @Test
    void signatureScopedToAnotherRegion_keepsAwsReasonAndPointsAtTheRegion_notAtPermissions() {
        ControlPlaneFailures failures = on(Optional.of(EMULATOR), CredentialsSource.DEFAULT_CHAIN);

        RuntimeException failure = failures.translate("CreateCliToken", answered(403, "InvalidSignatureException",
                "Credential should be scoped to a valid region, not 'eu-west-1'."));

        assertThat(failure).isInstanceOf(MwaaConfigurationException.class)
                .hasMessage("CreateCliToken on environment 'MyEnv' failed with HTTP 403 InvalidSignatureException: "
                        + "Credential should be scoped to a valid region, not 'eu-west-1'. Check that AWS_REGION "
                        + "(eu-west-1) is the environment's region.");
    }

    @Test
    void accessDenied_outsideLambda_namesTheCallersIdentity_notAFunctionsRole() {
        RuntimeException failure = on(Optional.empty(), CredentialsSource.DEFAULT_CHAIN).translate("CreateCliToken",
                answered(403, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/dev is not authorized"));

        assertThat(failure).isInstanceOf(MwaaConfigurationException.class)
                .hasMessage("CreateCliToken on environment 'MyEnv' failed with HTTP 403 AccessDeniedException (User: "
                        + "arn:aws:iam::123456789012:user/dev is not authorized): the AWS identity of your credentials "
                        + "needs airflow:CreateCliToken on environment 'MyEnv' in eu-west-1, and the credentials must "
                        + "be valid")
                .hasMessageNotContaining("function");
    }

    @Test
    void accessDenied_inLambda_namesTheFunctionsRole() {
        RuntimeException failure = on(Optional.empty(), CredentialsSource.LAMBDA_FUNCTION_ROLE).translate(
                "GetEnvironment", answered(403, "AccessDeniedException", null));

        assertThat(failure).hasMessage("GetEnvironment on environment 'MyEnv' failed with HTTP 403 "
                + "AccessDeniedException: the function's role needs airflow:GetEnvironment on environment 'MyEnv' in "
                + "eu-west-1, and the credentials must be valid");
    }

    @Test
    void multiLineAwsMessage_isCutToItsFirstLine() {
        RuntimeException failure = on(Optional.empty(), CredentialsSource.DEFAULT_CHAIN).translate("CreateCliToken",
                answered(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.\n"
                        + "The Canonical String for this request should have been 'POST /clitoken/MyEnv ...'"));

        assertThat(failure).hasMessage("CreateCliToken on environment 'MyEnv' failed with HTTP 403 "
                + "SignatureDoesNotMatch: The request signature we calculated does not match. Check that the "
                + "credentials are valid and have not expired.");
    }

    @ParameterizedTest
    @EnumSource(CredentialsSource.class)
    void noCredentials_isOneShortLineSayingWhereTheyComeFrom(CredentialsSource source) {
        String chainDump = "Unable to load credentials from any of the providers in the chain "
                + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), "
                + "EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), "
                + "ProfileCredentialsProvider(profileName=default), ContainerCredentialsProvider(), "
                + "InstanceProfileCredentialsProvider()]) : [...]".repeat(4);

        RuntimeException failure = on(Optional.of(EMULATOR), source).translate("CreateCliToken",
                notSent(chainDump, new java.io.IOException("Failed to connect to IMDS")));

        assertThat(failure).isInstanceOf(MwaaConfigurationException.class).hasNoCause()
                .hasMessage("CreateCliToken was not sent: " + source.missingCredentials());
        assertThat(failure.getMessage()).hasSizeLessThan(250).doesNotContain("Provider");
        assertThat(failure.getMessage().contains("function's"))
                .isEqualTo(source == CredentialsSource.LAMBDA_FUNCTION_ROLE);
    }

    @Test
    void nothingListeningAtAnEndpointOverride_isAConfigurationErrorAskingForTheEmulator() {
        RuntimeException failure = on(Optional.of(URI.create("https://127.0.0.1:45678/")),
                CredentialsSource.DEFAULT_CHAIN).translate("CreateCliToken", notSent("Unable to execute HTTP request: "
                        + "Connection refused", new ConnectException("Connection refused")));

        assertThat(failure).isInstanceOf(MwaaConfigurationException.class)
                .hasMessageStartingWith("CreateCliToken failed: nothing listens on https://127.0.0.1:45678: is the "
                        + "emulator running?");
    }

    @Test
    void connectionRefusedByAwsItself_mayPass_andIsRetryable() {
        RuntimeException failure = on(Optional.empty(), CredentialsSource.DEFAULT_CHAIN).translate("CreateCliToken",
                notSent("Unable to execute HTTP request: Connection refused",
                        new ConnectException("Connection refused")));

        assertThat(failure).isInstanceOfSatisfying(MwaaUnavailableException.class,
                e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void unknownHostAtAnEndpointOverride_isAConfigurationError() {
        RuntimeException failure = on(Optional.of(URI.create("https://emulator.invalid:8443")),
                CredentialsSource.DEFAULT_CHAIN).translate("GetEnvironment", notSent("Unable to execute HTTP request: "
                        + "emulator.invalid", new UnknownHostException("emulator.invalid")));

        assertThat(failure).isInstanceOf(MwaaConfigurationException.class)
                .hasMessage("GetEnvironment failed: the host of https://emulator.invalid:8443 cannot be found: check "
                        + "AWS_ENDPOINT_URL_MWAA or AWS_ENDPOINT_URL");
    }

    @Test
    void untrustedCertificateOfAwsItself_isAConfigurationError_notRetried() {
        RuntimeException failure = on(Optional.empty(), CredentialsSource.LAMBDA_FUNCTION_ROLE).translate(
                "CreateCliToken", notSent("Unable to execute HTTP request: PKIX path building failed",
                        new SSLHandshakeException("PKIX path building failed: sun.security.provider.certpath."
                                + "SunCertPathBuilderException: unable to find valid certification path")));

        assertThat(failure).isInstanceOf(MwaaConfigurationException.class)
                .hasMessageStartingWith("CreateCliToken failed: the TLS certificate of the MWAA API in eu-west-1 is "
                        + "not trusted by this JVM (PKIX path building failed), so nothing was sent");
    }

    @Test
    void credentialsEndpointThatDidNotAnswer_mayPass_andIsRetryable_notReportedAsNoCredentials() {
        ControlPlaneFailures failures = on(Optional.empty(), CredentialsSource.LAMBDA_FUNCTION_ROLE);
        SdkClientException timedOut = notSent("Unable to load credentials from the container credentials endpoint "
                + "(AWS_CONTAINER_CREDENTIALS_FULL_URI): Read timed out", new SocketTimeoutException("Read timed out"));

        assertThat(failures.translate("CreateCliToken", timedOut)).isInstanceOf(MwaaUnavailableException.class);
        assertThat(failures.unfixableByRetrying(timedOut)).isEmpty();
        assertThat(failures.unfixableByRetrying(SdkClientException.builder()
                .message("Unable to load credentials from any of the providers in the chain").build()))
                .hasValueSatisfying(message -> assertThat(message).contains("execution role"));
    }

    @Test
    void throttlingAndServerErrors_stayRetryable() {
        ControlPlaneFailures failures = on(Optional.empty(), CredentialsSource.DEFAULT_CHAIN);

        assertThat(failures.translate("CreateCliToken", answered(400, "ThrottlingException", "Rate exceeded")))
                .isInstanceOfSatisfying(MwaaUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(MwaaUnavailableException.Reason.BUSY));
        assertThat(failures.translate("CreateCliToken", answered(503, "ServiceUnavailableException", "try later")))
                .isInstanceOf(MwaaUnavailableException.class);
    }
}
