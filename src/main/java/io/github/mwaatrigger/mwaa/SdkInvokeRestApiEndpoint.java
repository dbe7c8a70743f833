package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.MwaaServiceClientConfiguration;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiRequest;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiMethod;
import software.amazon.awssdk.services.mwaa.model.RestApiServerException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;

/**
 * {@link InvokeRestApiEndpoint} over the AWS SDK for Java v2: {@code MwaaClient.invokeRestApi}, with the
 * SDK's own retries turned off for this call (a request plugin), so that every retry is the
 * {@link MwaaRestApiClient}'s and it knows when an earlier attempt may have done the work. Airflow's
 * errors arrive as {@code RestApiClientException} or {@code RestApiServerException} (AWS status 400, often
 * with an empty message) and are answers here, with Airflow's status and body.
 */
final class SdkInvokeRestApiEndpoint implements InvokeRestApiEndpoint {

    /** Turns off the SDK's retries for one request: the client retries, under its deadline. */
    private static final SdkPlugin NO_SDK_RETRIES = config -> {
        MwaaServiceClientConfiguration.Builder mwaa = (MwaaServiceClientConfiguration.Builder) config;
        mwaa.overrideConfiguration(mwaa.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    };
    private static final int MAX_MESSAGE_CHARS = 300;

    private final String environmentName;
    private final Supplier<MwaaClient> client;
    private final ControlPlaneFailures failures;

    /** @param failures tells what retrying cannot fix (the same judgement as for CreateCliToken's) */
    SdkInvokeRestApiEndpoint(String environmentName, Supplier<MwaaClient> client, ControlPlaneFailures failures) {
        this.environmentName = Objects.requireNonNull(environmentName, "environmentName");
        this.client = Objects.requireNonNull(client, "client");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public RestApiExchange invoke(RestApiRequest request, Deadline attemptDeadline) {
        Duration timeout = attemptDeadline.remaining();
        if (timeout.isZero()) {
            return new RestApiExchange.NotSent("no time was left to send it");
        }
        try {
            InvokeRestApiResponse response = client.get().invokeRestApi(sdkRequest(request, timeout));
            return answered(response.restApiStatusCode(), response.restApiResponse());
        } catch (RestApiClientException e) {
            return answered(e.restApiStatusCode(), e.restApiResponse());
        } catch (RestApiServerException e) {
            return answered(e.restApiStatusCode(), e.restApiResponse());
        } catch (AccessDeniedException e) {
            return refused(RestApiExchange.Refusal.ACCESS_DENIED, e);
        } catch (ResourceNotFoundException e) {
            return refused(RestApiExchange.Refusal.ENVIRONMENT_NOT_FOUND, e);
        } catch (ValidationException e) {
            return refused(RestApiExchange.Refusal.INVALID, e);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                return new RestApiExchange.Throttled(errorCode(e));
            }
            if (e.statusCode() >= 500) {
                return new RestApiExchange.MwaaFailed(e.statusCode(), errorCode(e));
            }
            return refused(e.statusCode() == 401 || e.statusCode() == 403 ? RestApiExchange.Refusal.ACCESS_DENIED
                    : RestApiExchange.Refusal.OTHER, e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            return new RestApiExchange.Lost("no answer within " + timeout.toMillis() + " ms", true);
        } catch (SdkClientException e) {
            Optional<String> unfixable = failures.unfixableByRetrying(e);
            if (unfixable.isPresent()) {
                return new RestApiExchange.Refused(RestApiExchange.Refusal.NOT_SENDABLE, 0, "SdkClientException",
                        unfixable.get());
            }
            return clientFailure(e);
        } catch (SdkException e) {
            return new RestApiExchange.Lost(e.getClass().getSimpleName() + ": " + shortened(e.getMessage()), false);
        }
    }

    private InvokeRestApiRequest sdkRequest(RestApiRequest request, Duration timeout) {
        InvokeRestApiRequest.Builder builder = InvokeRestApiRequest.builder()
                .name(environmentName)
                .path(request.path())
                .method(RestApiMethod.fromValue(request.method().name()))
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)
                        .addPlugin(NO_SDK_RETRIES));
        if (!request.query().isEmpty()) {
            builder.queryParameters(SdkDocuments.toDocument(request.query()));
        }
        request.body().ifPresent(body -> builder.body(SdkDocuments.toDocument(body)));
        return builder.build();
    }

    private static RestApiExchange answered(Integer status, Document body) {
        if (status == null) {
            return new RestApiExchange.Lost("MWAA answered without a RestApiStatusCode", false);
        }
        JsonValue json;
        try {
            json = SdkDocuments.toJson(body);
        } catch (IllegalArgumentException unreadable) {
            return new RestApiExchange.Lost("Airflow's answer could not be read: " + unreadable.getMessage(), false);
        }
        return new RestApiExchange.Answered(status, json);
    }

    private static RestApiExchange refused(RestApiExchange.Refusal refusal, AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return new RestApiExchange.Refused(refusal, e.statusCode(), errorCode(e), shortened(message));
    }

    /** No connection made is "not sent"; anything else may have reached Airflow. */
    private static RestApiExchange clientFailure(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return new RestApiExchange.NotSent(t.getClass().getSimpleName() + ": " + shortened(t.getMessage()));
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return new RestApiExchange.Lost(t.getClass().getSimpleName() + ": " + shortened(t.getMessage()), false);
            }
        }
        // Neither unsendable for a known reason nor a network failure (such as an answer the SDK could not read):
        // the call may have reached Airflow, so it is retried rather than reported as permanent.
        return new RestApiExchange.Lost("SdkClientException: " + shortened(e.getMessage()), false);
    }

    private static String errorCode(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code;
    }

    private static String shortened(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "..." : line;
    }
}
