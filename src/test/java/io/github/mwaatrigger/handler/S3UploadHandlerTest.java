package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.testing.GatedDagRuns;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The upload function, fed S3 notifications and EventBridge {@code Object Created} events as raw payloads. */
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

    /** The summary the function answers with, for the payload in {@code eventFile}. */
    static String invoke(S3UploadHandler handler, String eventFile) {
        try {
            return invokeWith(handler, Files.readString(Path.of(eventFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String invokeWith(S3UploadHandler handler, String payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output,
                    TestLambdaContext.invocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parse(output.toString(StandardCharsets.UTF_8)) instanceof JsonString summary ? summary.value()
                : null;
    }

    @Test
    void upload_triggersTheDagWithTheDecodedKeyAndTheObjectsIdentityAsConf() {
        String event = "events/s3-put.json";
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

    @Test
    void keysWithPlusQuotesParenthesesAndNonAsciiLetters_reachAirflowDecoded() {
        String event = "events/s3-put-batch.json";
        invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(mwaa.airflow().runs()).extracting(run -> run.conf().string("key").orElseThrow())
                .containsExactlyInAnyOrder("incoming/a+b.csv", "incoming/O'Brien \"quotes\" (final).csv",
                        "incoming/résumé-日本.pdf");
        assertThat(runOf("incoming/résumé-日本.pdf").conf().string("version_id"))
                .contains("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        assertThat(runOf("incoming/a+b.csv").conf().get("version_id")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"events/s3-put.json, 1", "events/s3-put-batch.json, 3", "events/s3-redelivery.json, 1",
        "events/s3-reupload.json, 1", "events/s3-eventbridge-object-created.json, 1"})
    void everyObjectOfAnEvent_startsOneRun(String event, int objects) {
        invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(mwaa.airflow().runs()).hasSize(objects);
    }

    @Test
    void redeliveredEvent_makesNoSecondRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, "events/s3-put.json");

        String summary = invoke(handler, "events/s3-redelivery.json");

        assertThat(summary).isEqualTo("1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @Test
    void reuploadOfTheSameKey_makesANewRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, "events/s3-put.json");

        String summary = invoke(handler, "events/s3-reupload.json");

        assertThat(summary).isEqualTo("1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void routes_sendEachKeyToTheFirstMatchingDag() {
        String event = "events/s3-put-batch.json";
        String summary = invoke(handler(Map.of("DAG_ID", "ignored_when_routes_are_set",
                "S3_DAG_ROUTES", "incoming/*.pdf=pdf_ingest, incoming/**/*.csv=s3_ingest")), event);

        assertThat(summary).isEqualTo("3 objects: 3 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(runOf("incoming/a+b.csv").dagId()).isEqualTo("s3_ingest");
        assertThat(runOf("incoming/O'Brien \"quotes\" (final).csv").dagId()).isEqualTo("s3_ingest");
        assertThat(runOf("incoming/résumé-日本.pdf").dagId()).isEqualTo("pdf_ingest");
    }

    @Test
    void keyMatchingNoRoute_isSkippedWithoutFailing_andWithoutAskingMwaa() {
        String event = "events/s3-put.json";
        String summary = invoke(handler(Map.of("S3_DAG_ROUTES", "reports/**=s3_ingest")), event);

        assertThat(summary).isEqualTo("1 objects: 0 created, 0 already existed, 1 unrouted, 0 failed");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void s3TestEvent_isAcceptedAndIgnored() {
        String event = "events/s3-test-event.json";
        String summary = invoke(handler(Map.of("DAG_ID", "s3_ingest")), event);

        assertThat(summary).isEqualTo("0 objects");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void objectThatCannotBeTriggered_doesNotStopTheOthers_andTheRetryCompletesTheBatch() {
        S3UploadHandler handler = handler(Map.of("S3_DAG_ROUTES", "**/*.pdf=missing_dag,**=s3_ingest"));
        String batch = "events/s3-put-batch.json";

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

    /**
     * One CLI slot, so that the objects go one after another and the scripted fault meets the first; with
     * more, see {@code UploadTriggersTest}.
     */
    @Test
    void mwaaUnavailableForOneObject_failsTheInvocationAfterTheOthers() {
        String event = "events/s3-put-batch.json";
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest", "MWAA_MAX_CONCURRENT_CLI_CALLS", "1"));
        mwaa.airflow().script(Fault.BUSY);

        assertThatThrownBy(() -> invoke(handler, event))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessageStartingWith("3 objects: 2 created, 0 already existed, 0 unrouted, 1 failed. Failed: "
                        + "s3://mwaa-trigger-uploads-123456789012/incoming/a+b.csv: MWAA is unavailable");
        assertThat(mwaa.airflow().runs()).extracting(run -> run.conf().string("key").orElseThrow())
                .containsExactly("incoming/O'Brien \"quotes\" (final).csv", "incoming/résumé-日本.pdf");
    }

    @ParameterizedTest(name = "{0} CLI slots")
    @CsvSource({"2, 2", "4, 3"})
    void objectsOfOneEvent_areTriggeredAsManyAtOnceAsTheProcessHasCliSlots(int slots, int expectedAtOnce) {
        AtomicReference<GatedDagRuns> gated = new AtomicReference<>();
        Environment environment = mwaa.environment().with("DAG_ID", "s3_ingest")
                .with("MWAA_MAX_CONCURRENT_CLI_CALLS", String.valueOf(slots));
        S3UploadHandler handler = new S3UploadHandler(UploadFunctionSettings.from(environment, new Properties()),
                settings -> {
                    MwaaServices services = mwaa.services(settings);
                    gated.set(GatedDagRuns.openingWhen(expectedAtOnce, services.dagRuns()));
                    return new MwaaServices(services.cli(), gated.get(), services.controlPlane(), services.attempts());
                }, mwaa.clock());

        String summary = invoke(handler, "events/s3-put-batch.json");

        assertThat(summary).isEqualTo("3 objects: 3 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(gated.get().mostInFlight()).isEqualTo(expectedAtOnce);
        assertThat(mwaa.airflow().runs()).hasSize(3);
    }

    @Test
    void recordThatCannotBeRead_failsTheInvocationSayingWhy_afterTheOthersWereTriggered() throws IOException {
        String withUnreadable = Files.readString(Path.of("events/s3-put.json")).replaceFirst("\"Records\": \\[",
                "\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"bucket\": {\"name\": "
                + "\"mwaa-trigger-uploads-123456789012\"}, \"object\": {\"key\": \"bad%zzkey\", \"size\": 1}}},");

        assertThatThrownBy(() -> invokeWith(handler(Map.of("DAG_ID", "s3_ingest")), withUnreadable))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessage("2 objects: 1 created, 0 already existed, 0 unrouted, 1 failed. Failed: "
                        + "s3://mwaa-trigger-uploads-123456789012/bad%zzkey: the key is not form-URL-encoded as S3 "
                        + "sends it");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @Test
    void eventBridgeObjectCreated_triggersTheDagWithTheDecodedKeyAndTheSameConfKeys() {
        String summary = invoke(handler(Map.of("DAG_ID", "s3_ingest")), "events/s3-eventbridge-object-created.json");

        assertThat(summary).isEqualTo("1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("s3__Z_rich_sales___2024-06__final_.csv__b6cccb220b172fca521ccc4d");
            assertThat(run.conf()).isEqualTo(Json.parse("""
                    {"bucket": "partner-exports-eu", "key": "incoming/monthly/Zürich sales – 2024-06 (final).csv",
                     "size": 73400320, "etag": "9b2cf535f27731c974343645a3985328-14",
                     "version_id": "Lq0Vb0wM6Xn3TqSpb8Cw.hVdE2p_yJ4r", "sequencer": "00665AE5D1E3C4B6A2",
                     "event_name": "CompleteMultipartUpload", "event_time": "2024-06-01T09:12:45Z",
                     "region": "eu-central-1"}
                    """));
        });
    }

    /** The run Airflow holds for the object with {@code key}. */
    private Run runOf(String key) {
        return mwaa.airflow().runs().stream().filter(run -> run.conf().string("key").orElseThrow().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no run for " + key));
    }

    /** The S3 notification of the object version {@code events/s3-eventbridge-object-created.json} names. */
    private static final String SAME_VERSION_AS_NOTIFICATION = """
            {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-central-1",
              "eventTime": "2024-06-01T09:12:45.318Z", "eventName": "ObjectCreated:CompleteMultipartUpload",
              "s3": {"s3SchemaVersion": "1.0", "configurationId": "partner-exports",
                "bucket": {"name": "partner-exports-eu", "arn": "arn:aws:s3:::partner-exports-eu"},
                "object": {"key": "incoming/monthly/Z%C3%BCrich+sales+%E2%80%93+2024-06+%28final%29.csv",
                  "size": 73400320, "eTag": "9b2cf535f27731c974343645a3985328-14",
                  "versionId": "Lq0Vb0wM6Xn3TqSpb8Cw.hVdE2p_yJ4r", "sequencer": "00665AE5D1E3C4B6A2"}}}]}
            """;

    @Test
    void sameObjectVersion_asNotificationAndThroughEventBridge_makesOneRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invokeWith(handler, SAME_VERSION_AS_NOTIFICATION);

        String summary = invoke(handler, "events/s3-eventbridge-object-created.json");

        assertThat(summary).isEqualTo("1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> assertThat(run.conf()).isEqualTo(
                Json.parse("""
                        {"bucket": "partner-exports-eu", "key": "incoming/monthly/Zürich sales – 2024-06 (final).csv",
                         "size": 73400320, "etag": "9b2cf535f27731c974343645a3985328-14",
                         "version_id": "Lq0Vb0wM6Xn3TqSpb8Cw.hVdE2p_yJ4r", "sequencer": "00665AE5D1E3C4B6A2",
                         "event_name": "ObjectCreated:CompleteMultipartUpload",
                         "event_time": "2024-06-01T09:12:45.318Z", "region": "eu-central-1"}
                        """)));
    }

    @Test
    void sameObjectVersion_throughEventBridgeFirst_makesNoSecondRunFromTheNotification() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, "events/s3-eventbridge-object-created.json");

        String summary = invokeWith(handler, SAME_VERSION_AS_NOTIFICATION);

        assertThat(summary).isEqualTo("1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"source\": \"aws.events\", \"detail-type\": \"Scheduled Event\", \"detail\": {}}"
            + "|but got an EventBridge event with source aws.events and detail-type \"Scheduled Event\"",
        "{\"source\": \"aws.s3\", \"detail-type\": \"Object Deleted\", \"detail\": {}}"
            + "|but got an EventBridge event with source aws.s3 and detail-type \"Object Deleted\"",
        "{\"Records\": \"none\", \"bucket\": \"b\"}|but got a JSON object with the members [Records, bucket]",
        "[1, 2]|but got something that is not a JSON object"})
    void payloadOfNeitherShape_failsSayingWhatArrivedAndWhatIsExpected_andTriggersNothing(String payload,
            String arrived) {
        assertThatThrownBy(() -> invokeWith(handler(Map.of("DAG_ID", "s3_ingest")), payload))
                .isInstanceOf(UnrecognizedUploadEventException.class)
                .hasMessageStartingWith("the upload function takes S3 event notifications (\"Records\"), S3's "
                        + "EventBridge events with source aws.s3 and detail-type \"Object Created\", and s3:TestEvent")
                .hasMessageContaining(arrived);
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void objectCreatedWithoutAKey_failsTheInvocationSayingWhichField() {
        String payload = """
                {"source": "aws.s3", "detail-type": "Object Created", "time": "2024-06-01T09:12:45Z",
                 "detail": {"bucket": {"name": "partner-exports-eu"}, "object": {"size": 1}}}
                """;

        assertThatThrownBy(() -> invokeWith(handler(Map.of("DAG_ID", "s3_ingest")), payload))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessage("1 objects: 0 created, 0 already existed, 0 unrouted, 1 failed. Failed: an Object Created "
                        + "event without detail.object.key, which S3 always sends");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }
}
