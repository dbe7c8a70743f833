package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.local.LocalRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo calls handlers through {@link LocalRuntime}: each must read an event file as a deployed function does. */
class LocalEventsTest {

    private static final Context CONTEXT = new LocalContext("test", Duration.ofSeconds(30));

    /** Reads its S3 notification as the upload function does. */
    static final class ReadsUploads implements RequestHandler<S3Event, S3Records.Uploads> {
        @Override
        public S3Records.Uploads handleRequest(S3Event event, Context context) {
            return S3Records.of(event);
        }
    }

    /** Reads its API Gateway event as the API function does. */
    static final class ReadsApiRequest implements RequestHandler<APIGatewayProxyRequestEvent, ApiRequest> {
        @Override
        public ApiRequest handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            return ApiGatewayRequests.toRequest(event, "id");
        }
    }

    /** Writes back what it reads, as the schedule function reads its raw payload. */
    static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    @ParameterizedTest
    @CsvSource({"events/s3-put.json, 1", "events/s3-put-batch.json, 3", "events/s3-redelivery.json, 1",
        "events/s3-reupload.json, 1", "events/s3-test-event.json, 0"})
    void s3Events_readLikeTheRuntimesEvents(String file, int uploads) throws IOException {
        S3Records.Uploads fromRuntime = S3Records.of(EventLoader.loadS3Event(file));
        Object fromDemo = LocalRuntime.invoke(new ReadsUploads(), Files.readAllBytes(Path.of(file)), CONTEXT);

        assertThat(fromDemo).isEqualTo(fromRuntime);
        assertThat(fromRuntime.uploads()).hasSize(uploads);
        assertThat(fromRuntime.unreadable()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"events/api-1-trigger-run.json", "events/api-2-trigger-run-retried.json",
        "events/api-3-get-run.json", "events/api-4-list-runs.json", "events/api-5-forbidden-dag.json"})
    void apiGatewayEvents_readLikeTheRuntimesEvents(String file) throws IOException {
        ApiRequest fromRuntime = ApiGatewayRequests.toRequest(EventLoader.loadApiGatewayRestEvent(file), "id");
        ApiRequest fromDemo = (ApiRequest) LocalRuntime.invoke(new ReadsApiRequest(), Files.readAllBytes(Path.of(file)),
                CONTEXT);

        assertThat(fromDemo.method()).isEqualTo(fromRuntime.method());
        assertThat(fromDemo.path()).isEqualTo(fromRuntime.path()).startsWith("/api/v1/dags/");
        assertThat(fromDemo.pathParameters()).isEqualTo(fromRuntime.pathParameters()).containsKey("dag_id");
        assertThat(fromDemo.query()).isEqualTo(fromRuntime.query());
        assertThat(fromDemo.headers()).isEqualTo(fromRuntime.headers()).isNotEmpty();
        assertThat(fromDemo.body()).isEqualTo(fromRuntime.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"events/schedule-eventbridge-rule.json", "events/schedule-scheduler.json"})
    void scheduleEvents_reachAStreamHandlerByteForByte(String file) throws IOException {
        byte[] payload = Files.readAllBytes(Path.of(file));

        assertThat(LocalRuntime.invoke(new Echo(), payload, CONTEXT))
                .isEqualTo(new String(payload, StandardCharsets.UTF_8));
    }
}
