package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The upload function, fed S3 notifications through the Lambda runtime's own deserializers. */
class S3UploadHandlerTest {

    private final InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "s3_ingest", "pdf_ingest");

    private S3UploadHandler handler(Map<String, String> variables) {
        Environment environment = mwaa.environment();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            environment = environment.with(variable.getKey(), variable.getValue());
        }
        return new S3UploadHandler(UploadFunctionSettings.from(environment, new Properties()), mwaa::services,
                mwaa.clock());
    }

    private static String invoke(S3UploadHandler handler, S3Event event) {
        return handler.handleRequest(event, TestLambdaContext.invocation());
    }

    @ParameterizedTest
    @Event(value = "events/s3-put.json", type = S3Event.class)
    void upload_triggersTheDagWithTheDecodedKeyAndTheObjectsIdentityAsConf(S3Event event) {
        String summary = invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(summary).isEqualTo("1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.dagId()).isEqualTo("s3_ingest");
            assertThat(run.runId()).isEqualTo("s3__sales_report_2024-06-01.csv__9d4c5830f2e8ae1abf5d9255");
            assertThat(run.conf()).isEqualTo(Json.parse("""
                    {"bucket": "mwaa-trigger-uploads-123456789012", "key": "incoming/daily/sales report 2024-06-01.csv",
                     "size": 52341, "etag": "d41d8cd98f00b204e9800998ecf8427e", "sequencer": "0066E5A1B2C3D4E5F6",
                     "event_name": "ObjectCreated:Put", "event_time": "2024-06-01T08:30:00Z", "region": "us-east-1"}
                    """));
        });
    }

    @ParameterizedTest
    @Event(value = "events/s3-put-batch.json", type = S3Event.class)
    void keysWithPlusQuotesParenthesesAndNonAsciiLetters_reachAirflowDecoded(S3Event event) {
        invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(mwaa.airflow().runs()).extracting(run -> run.conf().string("key").orElseThrow()).containsExactly(
                "incoming/a+b.csv", "incoming/O'Brien \"quotes\" (final).csv", "incoming/résumé-日本.pdf");
        assertThat(mwaa.airflow().runs().get(2).conf().string("version_id"))
                .contains("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        assertThat(mwaa.airflow().runs().get(0).conf().get("version_id")).isEmpty();
    }

    @ParameterizedTest
    @Events(type = S3Event.class, events = {@Event("events/s3-put.json"), @Event("events/s3-put-batch.json"),
        @Event("events/s3-redelivery.json"), @Event("events/s3-reupload.json")})
    void everyObjectOfAnEvent_startsOneRun(S3Event event) {
        invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(mwaa.airflow().runs()).hasSize(event.getRecords().size());
    }

    @Test
    void redeliveredEvent_makesNoSecondRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, EventLoader.loadS3Event("events/s3-put.json"));

        String summary = invoke(handler, EventLoader.loadS3Event("events/s3-redelivery.json"));

        assertThat(summary).isEqualTo("1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @Test
    void reuploadOfTheSameKey_makesANewRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, EventLoader.loadS3Event("events/s3-put.json"));

        String summary = invoke(handler, EventLoader.loadS3Event("events/s3-reupload.json"));

        assertThat(summary).isEqualTo("1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).hasSize(2).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @Event(value = "events/s3-put-batch.json", type = S3Event.class)
    void routes_sendEachKeyToTheFirstMatchingDag(S3Event event) {
        String summary = invoke(handler(Map.of("DAG_ID", "ignored_when_routes_are_set",
                "S3_DAG_ROUTES", "incoming/*.pdf=pdf_ingest, incoming/**/*.csv=s3_ingest")), event);

        assertThat(summary).isEqualTo("3 objects: 3 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).extracting(Run::dagId)
                .containsExactly("s3_ingest", "s3_ingest", "pdf_ingest");
    }

    @ParameterizedTest
    @Event(value = "events/s3-put.json", type = S3Event.class)
    void keyMatchingNoRoute_isSkippedWithoutFailing_andWithoutAskingMwaa(S3Event event) {
        String summary = invoke(handler(Map.of("S3_DAG_ROUTES", "reports/**=s3_ingest")), event);

        assertThat(summary).isEqualTo("1 objects: 0 created, 0 already existed, 1 unrouted, 0 failed");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/s3-test-event.json", type = S3Event.class)
    void s3TestEvent_isAcceptedAndIgnored(S3Event event) {
        String summary = invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(summary).isEqualTo("0 objects");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void objectThatCannotBeTriggered_doesNotStopTheOthers_andTheRetryCompletesTheBatch() {
        S3UploadHandler handler = handler(Map.of("S3_DAG_ROUTES", "**/*.pdf=missing_dag,**=s3_ingest"));
        S3Event batch = EventLoader.loadS3Event("events/s3-put-batch.json");

        assertThatThrownBy(() -> invoke(handler, batch))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessageStartingWith("3 objects: 2 created, 0 already existed, 0 unrouted, 1 failed. Failed: "
                        + "s3://mwaa-trigger-uploads-123456789012/incoming/résumé-日本.pdf: DAG 'missing_dag' was "
                        + "not found in Airflow");
        assertThat(mwaa.airflow().runs()).hasSize(2);

        mwaa.airflow().addDag("missing_dag");
        String retried = invoke(handler, batch);

        assertThat(retried).isEqualTo("3 objects: 1 created, 2 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).hasSize(3);
    }

    @ParameterizedTest
    @Event(value = "events/s3-put-batch.json", type = S3Event.class)
    void mwaaUnavailableForOneObject_failsTheInvocationAfterTheOthers(S3Event event) {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        mwaa.airflow().script(Fault.BUSY);

        assertThatThrownBy(() -> invoke(handler, event))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessageStartingWith("3 objects: 2 created, 0 already existed, 0 unrouted, 1 failed. Failed: "
                        + "s3://mwaa-trigger-uploads-123456789012/incoming/a+b.csv: MWAA is unavailable");
        assertThat(mwaa.airflow().runs()).extracting(run -> run.conf().string("key").orElseThrow())
                .containsExactly("incoming/O'Brien \"quotes\" (final).csv", "incoming/résumé-日本.pdf");
    }

    @ParameterizedTest
    @Event(value = "events/s3-put.json", type = S3Event.class)
    void recordThatCannotBeRead_failsTheInvocationSayingWhy_afterTheOthersWereTriggered(S3Event event) {
        S3EventNotificationRecord unreadable = new S3EventNotificationRecord("us-east-1", "ObjectCreated:Put",
                "aws:s3", "2024-06-01T08:30:00.000Z", "2.1", null, null, new S3Entity("config",
                        new S3BucketEntity("mwaa-trigger-uploads-123456789012", null, null),
                        new S3ObjectEntity("bad%zzkey", 1L, "etag", null, "01"), "1.0"), null);
        S3Event withUnreadable = new S3Event(List.of(unreadable, event.getRecords().get(0)));

        assertThatThrownBy(() -> invoke(handler(Map.of("DAG_ID", "s3_ingest")), withUnreadable))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessage("2 objects: 1 created, 0 already existed, 0 unrouted, 1 failed. Failed: "
                        + "s3://mwaa-trigger-uploads-123456789012/bad%zzkey: the key is not form-URL-encoded as S3 "
                        + "sends it");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }
}
