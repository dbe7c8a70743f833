package io.github.mwaatrigger.mwaa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK threw for an MWAA API call into this project's failures: retryable when trying
 * again can help (throttling, 5xx, a network that fails), a {@link MwaaConfigurationException} that says
 * what to fix when it cannot (permissions, a signature AWS refused, with AWS's own reason such as "Credential
 * should be scoped to a valid region", no credentials at all, an untrusted certificate, nothing listening at
 * an endpoint override). Configuration failures keep no SDK cause when it would only add noise: the
 * credentials provider chain's message alone is over a kilobyte.
 */
final class ControlPlaneFailures {

    private static final String MISSING_CREDENTIALS = "Unable to load credentials";
    private static final String WHOLE_CHAIN = "any of the providers in the chain";
    private static final int MAX_AWS_MESSAGE_CHARS = 300;

    private final String environmentName;
    private final String region;
    private final Optional<URI> endpointOverride;
    private final CredentialsSource credentials;

    ControlPlaneFailures(String environmentName, String region, Optional<URI> endpointOverride,
            CredentialsSource credentials) {
        this.environmentName = Objects.requireNonNull(environmentName, "environmentName");
        this.region = Objects.requireNonNull(region, "region");
        this.endpointOverride = Objects.requireNonNull(endpointOverride, "endpointOverride");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** What an error answer from the MWAA API means. */
    RuntimeException translate(String operation, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? null : firstLine(e.awsErrorDetails().errorMessage());
        String detail = operation + " on environment '" + environmentName + "' failed with HTTP " + e.statusCode()
                + (code == null || code.isEmpty() ? "" : " " + code);
        if (e.isThrottlingException()) {
            return new MwaaUnavailableException(detail, MwaaUnavailableException.Reason.BUSY);
        }
        if (e.statusCode() >= 500) {
            return new MwaaUnavailableException(detail, e);
        }
        if ((e.statusCode() == 401 || e.statusCode() == 403) && !isAccessDenied(code) && message != null) {
            return new MwaaConfigurationException(detail + ": " + message + signatureAdvice(message), e);
        }
        if (e.statusCode() == 401 || e.statusCode() == 403) {
            return new MwaaConfigurationException(detail + (message == null ? "" : " (" + message + ")") + ": "
                    + credentials.identity() + " needs airflow:" + operation + " on environment '" + environmentName
                    + "' in " + region + ", and the credentials must be valid", e);
        }
        return new MwaaConfigurationException(detail + (message == null ? "" : ": " + message), e);
    }

    /** What a failure to make the call, or to get an answer, means. */
    RuntimeException translate(String operation, SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new MwaaUnavailableException(operation + " did not answer in time: " + e.getMessage(),
                    MwaaUnavailableException.Reason.TIMED_OUT);
        }
        if (isMissingCredentials(e)) {
            return new MwaaConfigurationException(operation + " was not sent: " + credentials.missingCredentials());
        }
        Optional<String> problem = connectionProblem(e);
        if (problem.isPresent()) {
            return new MwaaConfigurationException(operation + " failed: " + problem.get());
        }
        if (causedByIo(e)) {
            return new MwaaUnavailableException(operation + " could not reach the MWAA API: " + e.getMessage(), e);
        }
        if (e instanceof SdkClientException) {
            return new MwaaConfigurationException(operation + " could not be sent: " + e.getMessage(), e);
        }
        return new MwaaUnavailableException(operation + " failed: " + e.getMessage(), e);
    }

    /**
     * What retrying cannot fix about a call that could not be made, if it is that: no credentials, a certificate
     * this JVM does not trust or that names another host, or, at an endpoint override, nothing listening or no
     * such host. Empty for what may pass (a connection refused by AWS itself, a reset, a time-out).
     */
    Optional<String> unfixableByRetrying(SdkException e) {
        if (isMissingCredentials(e)) {
            return Optional.of(credentials.missingCredentials());
        }
        return connectionProblem(e);
    }

    /**
     * No credentials to be had: the SDK's default chain found none in any of its providers (the I/O failure behind
     * that is the instance metadata service's absence), or one provider failed without an I/O failure. One
     * provider's I/O failure (the container credentials endpoint timing out after a SnapStart restore, say) may
     * pass, and is retried.
     */
    private static boolean isMissingCredentials(SdkException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith(MISSING_CREDENTIALS) && (message.contains(WHOLE_CHAIN) || !causedByIo(e));
    }

    private Optional<String> connectionProblem(SdkException e) {
        return endpointOverride
                .map(endpoint -> ConnectionFailures.atEndpointOverride(e, endpoint))
                .orElseGet(() -> ConnectionFailures.certificateProblem(e, "the MWAA API in " + region));
    }

    /** What to check after AWS refused the request's signature, when its reason points somewhere. */
    private String signatureAdvice(String awsMessage) {
        String lower = awsMessage.toLowerCase(Locale.ROOT);
        if (lower.contains("region")) {
            return " Check that AWS_REGION (" + region + ") is the environment's region.";
        }
        if (lower.contains("security token") || lower.contains("expired") || lower.contains("signature")) {
            return " Check that the credentials are valid and have not expired.";
        }
        return "";
    }

    private static boolean isAccessDenied(String code) {
        return code == null || code.isEmpty() || code.startsWith("AccessDenied");
    }

    /** AWS's message up to its first line break, bounded: it is shown to whoever reads the error. */
    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > MAX_AWS_MESSAGE_CHARS ? line.substring(0, MAX_AWS_MESSAGE_CHARS) + "..." : line;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
