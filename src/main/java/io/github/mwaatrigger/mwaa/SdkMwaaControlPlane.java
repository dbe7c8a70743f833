package io.github.mwaatrigger.mwaa;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.MwaaClientBuilder;
import software.amazon.awssdk.services.mwaa.model.CreateCliTokenResponse;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;

/**
 * {@link MwaaControlPlane} over the AWS SDK for Java v2 {@link MwaaClient}: in a Lambda function the credentials
 * Lambda provides, taken from where it puts them ({@link FunctionCredentials}: environment variables, or the
 * container endpoint after a SnapStart restore), elsewhere the SDK's default chain (environment, web identity,
 * profiles, container, instance metadata); an explicit region, and the JDK's {@code HttpURLConnection} as the
 * only HTTP stack.
 *
 * <p>The SDK client is built on first use, so that constructing a function's object graph during
 * initialization or SnapStart priming opens no connection and resolves no credentials.
 */
public final class SdkMwaaControlPlane implements MwaaControlPlane {

    private final String environmentName;
    private final String region;
    private final Lazy<MwaaClient> client;
    private final ControlPlaneFailures failures;

    private SdkMwaaControlPlane(String environmentName, String region, Optional<URI> endpointOverride,
            CredentialsSource credentials, Supplier<MwaaClient> client) {
        this.environmentName = Objects.requireNonNull(environmentName, "environmentName");
        this.region = Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        this.client = new Lazy<>(client);
        this.failures = new ControlPlaneFailures(environmentName, region, endpointOverride, credentials);
    }

    /**
     * A control plane for {@code environmentName} in {@code region}. With an endpoint override (the
     * standard {@code AWS_ENDPOINT_URL_MWAA} / {@code AWS_ENDPOINT_URL} settings, e.g. a local emulator)
     * the SDK's {@code env.} host prefix is turned off, as {@code https://env.127.0.0.1:...} cannot work.
     * Errors about credentials name the function's role in Lambda and the SDK's default chain elsewhere.
     */
    public static SdkMwaaControlPlane create(String environmentName, String region, Optional<URI> endpointOverride) {
        return create(environmentName, region, endpointOverride, CredentialsSource.of(System.getenv()));
    }

    /** As {@link #create(String, String, Optional)}, with errors worded for {@code credentials}. */
    public static SdkMwaaControlPlane create(String environmentName, String region, Optional<URI> endpointOverride,
            CredentialsSource credentials) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        return new SdkMwaaControlPlane(environmentName, region, endpointOverride, credentials,
                () -> buildClient(region, endpointOverride, FunctionCredentials.forProcess(credentials, System::getenv)));
    }

    /**
     * A control plane for a {@link CallRehearsal}'s stand-in at {@code endpoint}: the same client, HTTP stack
     * and signer, with made-up static credentials (so that nothing real is resolved or signed with) and trust
     * in the stand-in's certificate only.
     */
    static SdkMwaaControlPlane rehearsal(String environmentName, String region, URI endpoint, TrustManager[] trust) {
        return new SdkMwaaControlPlane(environmentName, region, Optional.of(endpoint), CredentialsSource.DEFAULT_CHAIN,
                () -> MwaaClient.builder()
                        .region(Region.of(region))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("AKIAREHEARSAL0000000", "rehearsal-only-not-a-secret")))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()
                                .tlsTrustManagersProvider(() -> trust.clone()))
                        .endpointOverride(endpoint)
                        .overrideConfiguration(o -> o.putAdvancedOption(
                                SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                        .build());
    }

    /** The region the SDK client is made for. */
    public String region() {
        return region;
    }

    private static MwaaClient buildClient(String region, Optional<URI> endpointOverride,
            AwsCredentialsProvider credentials) {
        MwaaClientBuilder builder = MwaaClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(DefaultTrust::trustManagers));
        endpointOverride.ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)));
        return builder.build();
    }

    /**
     * MWAA's {@code InvokeRestApi} for this environment, over the same SDK client (built on first use, and by
     * {@link #prepare}), with the SDK's retries turned off for it: its caller retries.
     */
    public InvokeRestApiEndpoint restApiEndpoint() {
        return new SdkInvokeRestApiEndpoint(environmentName, client, failures);
    }

    /** Builds the SDK client now (no network call, no credentials resolved). */
    @Override
    public void prepare() {
        client.get();
    }

    @Override
    public CliToken createCliToken(Deadline deadline) {
        Instant requestedAt = Instant.now();
        CreateCliTokenResponse response = call("CreateCliToken", deadline,
                timeout -> client.get().createCliToken(r -> r.name(environmentName).overrideConfiguration(timeout)));
        if (response.cliToken() == null || response.webServerHostname() == null) {
            throw new MwaaUnavailableException("CreateCliToken for environment '" + environmentName
                    + "' returned no CliToken or WebServerHostname");
        }
        return new CliToken(response.cliToken(), response.webServerHostname(), requestedAt);
    }

    @Override
    public String airflowVersion(Deadline deadline) {
        String version = call("GetEnvironment", deadline,
                timeout -> client.get().getEnvironment(r -> r.name(environmentName).overrideConfiguration(timeout)))
                .environment().airflowVersion();
        if (version == null || version.isBlank()) {
            throw new MwaaUnavailableException("GetEnvironment for environment '" + environmentName
                    + "' returned no AirflowVersion");
        }
        return version;
    }

    private <T> T call(String operation, Deadline deadline,
            Function<AwsRequestOverrideConfiguration, T> request) {
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw new MwaaUnavailableException(operation + " was not attempted: the deadline has passed",
                    MwaaUnavailableException.Reason.TIMED_OUT);
        }
        try {
            return request.apply(AwsRequestOverrideConfiguration.builder().apiCallTimeout(remaining).build());
        } catch (ResourceNotFoundException e) {
            throw new MwaaConfigurationException("MWAA environment '" + environmentName + "' was not found in "
                    + region + ": check MWAA_ENVIRONMENT_NAME and AWS_REGION", e);
        } catch (AwsServiceException e) {
            throw failures.translate(operation, e);
        } catch (SdkException e) {
            throw failures.translate(operation, e);
        }
    }
}
