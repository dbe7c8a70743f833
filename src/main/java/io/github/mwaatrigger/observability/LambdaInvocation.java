package io.github.mwaatrigger.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The Lambda invocation triggers are made for, as its log names it.
 *
 * @param function     the function's name, as Lambda's own metrics name it
 * @param requestId    Lambda's request id of the invocation
 * @param apiRequestId API Gateway's request id, when the invocation serves an API request
 */
public record LambdaInvocation(String function, String requestId, Optional<String> apiRequestId) {

    /** What the log says for a name or id the runtime did not give (outside Lambda): a log line never fails a trigger. */
    static final String UNKNOWN = "unknown";

    public LambdaInvocation {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(apiRequestId, "apiRequestId");
    }

    /** The invocation {@code context} describes. */
    public static LambdaInvocation of(Context context) {
        return new LambdaInvocation(orUnknown(context.getFunctionName()), orUnknown(context.getAwsRequestId()),
                Optional.empty());
    }

    /** The invocation {@code context} describes, serving API Gateway's request {@code apiRequestId} (if known). */
    public static LambdaInvocation of(Context context, String apiRequestId) {
        return new LambdaInvocation(orUnknown(context.getFunctionName()), orUnknown(context.getAwsRequestId()),
                Optional.ofNullable(apiRequestId));
    }

    private static String orUnknown(String given) {
        return given == null || given.isEmpty() ? UNKNOWN : given;
    }
}
