package io.github.mwaatrigger.mwaa;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The credentials of a Lambda function, taken straight from where Lambda puts them instead of walking the SDK's
 * default chain (system properties, environment, web identity, profile files, container, instance metadata), whose
 * set-up loads and runs code a function never needs. Which source is used is decided on first use, from the
 * environment the process has then:
 * <ul>
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} set (an on-demand environment; with
 *       {@code AWS_SESSION_TOKEN}): the SDK's environment variable provider, which reads them on every call, as the
 *       default chain's does;</li>
 *   <li>else {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} or {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} set (a
 *       SnapStart-restored environment, where Lambda serves the role's credentials from an endpoint): the SDK's
 *       container provider, which caches them and fetches new ones before they expire;</li>
 *   <li>else the SDK's default chain, unchanged.</li>
 * </ul>
 * The default chain would pick the same source in a Lambda environment (the environment variables come before the
 * container endpoint in it, and nothing sets the {@code aws.accessKeyId} system property there). Outside Lambda,
 * such as in the command-line tool, the default chain is used as it is ({@link #forProcess}), so that profiles,
 * SSO and the rest keep working.
 *
 * <p>Nothing is read or resolved before the first call, so a SnapStart snapshot holds no choice and no
 * credential: the restored process decides from its own environment.
 */
final class FunctionCredentials implements AwsCredentialsProvider {

    static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    static final String CONTAINER_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    static final String CONTAINER_RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";

    /** Where the credentials come from. */
    enum Source {
        /** The process's environment variables. */
        ENVIRONMENT_VARIABLES("the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
        /** The container credentials endpoint. */
        CONTAINER_ENDPOINT("the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI)"),
        /** The SDK's default chain. */
        DEFAULT_CHAIN("the AWS SDK's default credentials chain");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        /** The source for a function whose environment variables are {@code environment}. */
        static Source of(Map<String, String> environment) {
            if (present(environment, ACCESS_KEY_ID) && present(environment, SECRET_ACCESS_KEY)) {
                return ENVIRONMENT_VARIABLES;
            }
            if (present(environment, CONTAINER_FULL_URI) || present(environment, CONTAINER_RELATIVE_URI)) {
                return CONTAINER_ENDPOINT;
            }
            return DEFAULT_CHAIN;
        }

        AwsCredentialsProvider provider() {
            return switch (this) {
                case ENVIRONMENT_VARIABLES -> EnvironmentVariableCredentialsProvider.create();
                case CONTAINER_ENDPOINT -> ContainerCredentialsProvider.builder().build();
                case DEFAULT_CHAIN -> DefaultCredentialsProvider.builder().build();
            };
        }

        private static boolean present(Map<String, String> environment, String name) {
            String value = environment.get(name);
            return value != null && !value.isBlank();
        }
    }

    private final Supplier<Map<String, String>> environment;
    private final Function<Source, AwsCredentialsProvider> providers;
    private final Lazy<Chosen> chosen;

    FunctionCredentials(Supplier<Map<String, String>> environment) {
        this(environment, Source::provider);
    }

    /** With {@code providers} making the provider of each source (tests). */
    FunctionCredentials(Supplier<Map<String, String>> environment, Function<Source, AwsCredentialsProvider> providers) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.chosen = new Lazy<>(this::choose);
    }

    /**
     * The provider for a process: this one for a Lambda function, the SDK's default chain for anything else.
     */
    static AwsCredentialsProvider forProcess(CredentialsSource process, Supplier<Map<String, String>> environment) {
        return process == CredentialsSource.LAMBDA_FUNCTION_ROLE
                ? new FunctionCredentials(environment)
                : DefaultCredentialsProvider.builder().build();
    }

    /** The source chosen, choosing it now if no call has yet (for tests). */
    Source source() {
        return chosen.get().source();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        Chosen current = chosen.get();
        if (current.source() == Source.DEFAULT_CHAIN) {
            return current.provider().resolveCredentials();
        }
        try {
            return current.provider().resolveCredentials();
        } catch (SdkClientException e) {
            // Worded as the default chain words it, so that ControlPlaneFailures reports missing credentials alike.
            throw SdkClientException.builder()
                    .message("Unable to load credentials from " + current.source().description + ": " + e.getMessage())
                    .cause(e)
                    .build();
        }
    }

    private Chosen choose() {
        Source source = Source.of(environment.get());
        return new Chosen(source, providers.apply(source));
    }

    @Override
    public String toString() {
        return "FunctionCredentials";
    }

    private record Chosen(Source source, AwsCredentialsProvider provider) {
    }
}
