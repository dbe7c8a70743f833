package io.github.mwaatrigger.faults;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.faults.Attempt.Kind;
import io.github.mwaatrigger.handler.ApiHandler;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code ApiFunction} with {@code events/api-1-trigger-run.json} (a POST with a run id and an
 * {@code Idempotency-Key}); variants are other orders, with their own run id and key.
 */
final class ApiFunctionEntry extends FunctionEntry {

    private static final int ORDER = 1234;

    ApiFunctionEntry(SamTemplate template, Path events) throws IOException {
        super(template, "ApiFunction", events.resolve("api-1-trigger-run.json"));
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public SuiteEvent event(int index) {
        int order = ORDER + index;
        String payload = index == 0 ? sample() : SuiteEvent.replacing(SuiteEvent.replacing(
                sampleWith("api_order_" + ORDER, "api_order_" + order), "order_id\\\": " + ORDER,
                "order_id\\\": " + order, "the API sample"), "order-" + ORDER, "order-" + order, "the API sample");
        return new SuiteEvent(payload, "order_id", String.valueOf(order));
    }

    @Override
    Object handler(Environment environment) {
        return new ApiHandler(ApiFunctionSettings.from(environment, System.getProperties()), MwaaServices::create,
                Clock.systemUTC());
    }

    /**
     * The function's answer: the proxy response that Lambda's runtime reads from the stream handler (the method
     * Lambda calls, as the handler implements {@code RequestStreamHandler}), or the typed one.
     */
    @Override
    Attempt answer(Object result) {
        int status = result instanceof APIGatewayProxyResponseEvent response ? response.getStatusCode()
                : statusCode(result.toString());
        Kind kind = status < 300 ? Kind.SUCCEEDED : status >= 500 ? Kind.RETRIED : Kind.PERMANENT;
        return new Attempt(kind, "HTTP " + status);
    }

    private static int statusCode(String response) {
        JsonValue status = Json.parseObject(response, "the API function's response").get("statusCode")
                .orElseThrow(() -> new IllegalStateException("the API function's response has no statusCode: "
                        + response));
        if (!(status instanceof JsonNumber number)) {
            throw new IllegalStateException("the API function's statusCode is not a number: " + response);
        }
        return Integer.parseInt(number.text());
    }
}
