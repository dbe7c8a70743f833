package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.api.ApiResponse;
import io.github.mwaatrigger.api.DagRunsApi;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Logging;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.observability.LambdaInvocation;
import io.github.mwaatrigger.observability.TriggerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Lambda function behind the REST API (API Gateway, IAM-authorized): Airflow's DAG-run endpoints over
 * MWAA, for the DAGs in {@code API_ALLOWED_DAGS}. Every answer comes before API Gateway's 29 s limit.
 *
 * <p>It is also a {@link RequestStreamHandler}, and the Lambda runtime calls that method (it prefers it for
 * {@code ::handleRequest}): the event is read and the response written with our own JSON
 * ({@link ApiGatewayEventJson}), so that a cold start does not load the runtime's Jackson-based POJO
 * deserializer, about a thousand classes. The POJO method stays for callers that hold an event object.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        RequestStreamHandler {

    /**
     * Answer within this, so that a slow MWAA gets a 504 from us rather than a timeout from API Gateway
     * (29 s from the request, which on a cold start also covers the function's initialization).
     */
    static final Duration MAX_RESPONSE_TIME = Duration.ofSeconds(22);

    private final DagRunsApi api;
    private final TriggerLog triggerLog;
    private final Clock clock;
    private final SnapStartPriming priming;

    /** For the Lambda runtime: configuration from the environment, MWAA through the AWS SDK, SnapStart priming. */
    public ApiHandler() {
        this(ApiFunctionSettings.from(Logging.forLambda(), System.getProperties()), MwaaServices::create,
                Clock.systemUTC());
        priming.register();
    }

    /**
     * For tools and tests, which choose how MWAA is reached (the emulator, an in-memory Airflow) and the
     * clock; SnapStart priming is not registered.
     */
    public ApiHandler(ApiFunctionSettings settings, Function<Settings, MwaaServices> services, Clock clock) {
        MwaaServices mwaa = services.apply(settings.mwaa());
        this.api = new DagRunsApi(mwaa.dagRuns(), settings.allowed(), clock);
        this.triggerLog = new TriggerLog(mwaa.attempts(), clock);
        this.clock = clock;
        this.priming = new SnapStartPriming(mwaa, this::primeApiPath);
    }

    /**
     * The request path on a made-up event that goes as far as it can without MWAA, whatever
     * {@code API_ALLOWED_DAGS} allows: a POST with a complete body (conf, run id, logical date) and an
     * empty {@code Idempotency-Key}, which is refused (400) after the DAG id, the allow list and the body,
     * just before the trigger (or 403 at the allow list, if it refuses {@code priming_dag}).
     *
     * @return the response, for tests
     */
    APIGatewayProxyResponseEvent primeApiPath() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/api/v1/dags/priming_dag/dagRuns").withPathParameters(Map.of("dag_id", "priming_dag"))
                .withHeaders(Map.of("Content-Type", "application/json", "Idempotency-Key", ""))
                .withBody("{\"conf\": {\"key\": \"k\", \"size\": 1}, \"dag_run_id\": \"priming_run\", "
                        + "\"logical_date\": \"2024-01-01T00:00:00+00:00\", \"note\": \"priming\"}");
        return ApiGatewayRequests.toEvent(api.handle(ApiGatewayRequests.toRequest(event, "priming"),
                Deadline.after(MAX_RESPONSE_TIME, clock)));
    }

    /** The SnapStart priming this function registers. */
    SnapStartPriming priming() {
        return priming;
    }

    /** What the Lambda runtime calls: the REST proxy event as JSON in, the proxy response as JSON out. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayProxyResponseEvent response;
        try {
            response = handleRequest(ApiGatewayEventJson.read(new String(input.readAllBytes(), StandardCharsets.UTF_8)),
                    context);
        } catch (UnreadableRequestException e) {
            response = ApiGatewayRequests.toEvent(ApiResponse.badRequest(e.getMessage()));
        }
        output.write(ApiGatewayEventJson.write(response).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Deadline deadline = LambdaDeadline.of(context, clock).atMost(MAX_RESPONSE_TIME);
        ApiRequest request;
        try {
            request = ApiGatewayRequests.toRequest(event, context.getAwsRequestId());
        } catch (UnreadableRequestException e) {
            return ApiGatewayRequests.toEvent(ApiResponse.badRequest(e.getMessage()));
        }
        return ApiGatewayRequests.toEvent(api.handle(request, deadline, triggerLog.forInvocation(
                LambdaInvocation.of(context, event.getRequestContext() == null ? null
                        : event.getRequestContext().getRequestId()))));
    }
}
