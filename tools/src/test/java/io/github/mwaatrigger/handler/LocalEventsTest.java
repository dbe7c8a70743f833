package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.local.LocalRuntime;
import io.github.mwaatrigger.uploads.ObjectUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo calls handlers through {@link LocalRuntime}: each must read an event file as a deployed function does. */
class LocalEventsTest {

    private static final Context CONTEXT = new LocalContext("test", Duration.ofSeconds(30));

    /** Reads its API Gateway event as the API function does. */
    static final class ReadsApiRequest implements RequestHandler<APIGatewayProxyRequestEvent, ApiRequest> {
        @Override
        public ApiRequest handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            return ApiGatewayRequests.toRequest(event, "id");
        }
    }

    /** Writes back what it reads, as the schedule and upload functions read their raw payloads. */
    static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    @ParameterizedTest
    @CsvSource({"events/s3-put.json, 1", "events/s3-put-batch.json, 3", "events/s3-redelivery.json, 1",
        "events/s3-reupload.json, 1", "events/s3-test-event.json, 0"})
    void s3Notifications_readAsTheRuntimesS3EventReadsThem(String file, int uploads) throws IOException {
        UploadBatch read = UploadEvents.read(Files.readString(Path.of(file)));

        assertThat(read.uploads()).hasSize(uploads).isEqualTo(asTheRuntimeReads(EventLoader.loadS3Event(file)));
        assertThat(read.unreadable()).isEmpty();
    }

    /** The uploads as the upload function read them when the runtime deserialized its {@link S3Event}. */
    private static List<ObjectUpload> asTheRuntimeReads(S3Event event) {
        if (event.getRecords() == null) {
            return List.of();
        }
        return event.getRecords().stream().map(record -> {
            S3ObjectEntity object = record.getS3().getObject();
            return new ObjectUpload(record.getS3().getBucket().getName(), object.getUrlDecodedKey(),
                    object.getSizeAsLong(), present(object.geteTag()), present(object.getVersionId()),
                    present(object.getSequencer()), present(record.getEventName()),
                    Instant.ofEpochMilli(record.getEventTime().getMillis()).toString(), present(record.getAwsRegion()));
        }).toList();
    }

    private static String present(String value) {
        return value == null || value.isEmpty() ? null : value;
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
    @ValueSource(strings = {"events/schedule-eventbridge-rule.json", "events/schedule-scheduler.json",
        "events/s3-put.json", "events/s3-eventbridge-object-created.json", "events/s3-test-event.json"})
    void scheduleAndUploadEvents_reachAStreamHandlerByteForByte(String file) throws IOException {
        byte[] payload = Files.readAllBytes(Path.of(file));

        assertThat(LocalRuntime.invoke(new Echo(), payload, CONTEXT))
                .isEqualTo(new String(payload, StandardCharsets.UTF_8));
    }
}
