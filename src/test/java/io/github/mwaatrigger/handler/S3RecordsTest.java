package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.local.LambdaEvents;
import io.github.mwaatrigger.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo builds S3 events itself; they must read exactly like the Lambda runtime's. */
class S3RecordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"events/s3-put.json", "events/s3-put-batch.json", "events/s3-redelivery.json",
        "events/s3-reupload.json", "events/s3-test-event.json"})
    void demoEvents_readLikeTheRuntimesEvents(String file) throws IOException {
        S3Records.Uploads fromRuntime = S3Records.of(EventLoader.loadS3Event(file));
        S3Records.Uploads fromDemo = S3Records.of(LambdaEvents.s3Event(Json.parseObject(Files.readString(Path.of(file)),
                file)));

        assertThat(fromDemo).isEqualTo(fromRuntime);
    }
}
