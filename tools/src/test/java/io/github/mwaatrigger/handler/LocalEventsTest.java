package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.local.LambdaEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo builds events itself; they must drive the handlers exactly as the Lambda runtime's events do. */
class LocalEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {"events/s3-put.json", "events/s3-put-batch.json", "events/s3-redelivery.json",
        "events/s3-reupload.json", "events/s3-test-event.json"})
    void s3Events_readLikeTheRuntimesEvents(String file) throws IOException {
        S3Records.Uploads fromRuntime = S3Records.of(EventLoader.loadS3Event(file));
        S3Records.Uploads fromDemo = S3Records.of(LambdaEvents.s3Event(Json.parseObject(Files.readString(Path.of(file)),
                file)));

        assertThat(fromDemo).isEqualTo(fromRuntime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"events/api-1-trigger-run.json", "events/api-2-trigger-run-retried.json",
        "events/api-3-get-run.json", "events/api-4-list-runs.json", "events/api-5-forbidden-dag.json"})
    void apiGatewayEvents_readLikeTheRuntimesEvents(String file) throws IOException {
        ApiRequest fromRuntime = ApiGatewayRequests.toRequest(EventLoader.loadApiGatewayRestEvent(file), "id");
        ApiRequest fromDemo = ApiGatewayRequests.toRequest(LambdaEvents.apiGatewayEvent(Json.parseObject(
                Files.readString(Path.of(file)), file)), "id");

        assertThat(fromDemo.method()).isEqualTo(fromRuntime.method());
        assertThat(fromDemo.path()).isEqualTo(fromRuntime.path());
        assertThat(fromDemo.pathParameters()).isEqualTo(fromRuntime.pathParameters());
        assertThat(fromDemo.query()).isEqualTo(fromRuntime.query());
        assertThat(fromDemo.headers()).isEqualTo(fromRuntime.headers());
        assertThat(fromDemo.body()).isEqualTo(fromRuntime.body());
    }
}
