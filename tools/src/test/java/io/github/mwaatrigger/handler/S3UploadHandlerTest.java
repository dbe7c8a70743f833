package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.testing.TestEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 upload function, fed real S3 notifications and EventBridge events as the runtime hands them over: raw. */
class S3UploadHandlerTest {

    private MwaaEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("s3_ingest", "pdf_ingest")));
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private S3UploadHandler handler(Map<String, String> variables) {
        Environment environment = TestEmulator.environment(emulator);
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            environment = environment.with(variable.getKey(), variable.getValue());
        }
        return new S3UploadHandler(UploadFunctionSettings.from(environment, new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());
    }

    /** The summary the function answers with, for the payload in {@code eventFile}. */
    private static String invoke(S3UploadHandler handler, String eventFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = Files.newInputStream(Path.of(eventFile))) {
            handler.handleRequest(input, output, new LocalContext("test", Duration.ofSeconds(30)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ((JsonString) Json.parse(output.toString(StandardCharsets.UTF_8))).value();
    }

    @Test
    void upload_triggersTheDagWithTheDecodedKeyAndTheObjectsIdentityAsConf() {
        String summary = invoke(handler(Map.of("DAG_ID", "s3_ingest")), "events/s3-put.json");

        assertThat(summary).isEqualTo("1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(emulator.runs()).singleElement().satisfies(run -> {
            assertThat(run.dagId()).isEqualTo("s3_ingest");
            assertThat(run.runId()).startsWith("s3__sales_report_2024-06-01.csv__");
            assertThat(run.conf()).isEqualTo(Json.parse("""
                    {"bucket": "mwaa-trigger-uploads-123456789012", "key": "incoming/daily/sales report 2024-06-01.csv",
                     "size": 52341, "etag": "d41d8cd98f00b204e9800998ecf8427e", "sequencer": "0066E5A1B2C3D4E5F6",
                     "event_name": "ObjectCreated:Put", "event_time": "2024-06-01T08:30:00Z", "region": "us-east-1"}
                    """));
        });
    }

    @Test
    void keysWithPlusQuotesParenthesesAndNonAsciiLetters_reachAirflowDecoded() {
        invoke(handler(Map.of("DAG_ID", "s3_ingest")), "events/s3-put-batch.json");

        assertThat(emulator.runs()).extracting(run -> run.conf().string("key").orElseThrow())
                .containsExactlyInAnyOrder("incoming/a+b.csv", "incoming/O'Brien \"quotes\" (final).csv",
                        "incoming/résumé-日本.pdf");
        assertThat(runOf("incoming/résumé-日本.pdf").conf().string("version_id"))
                .contains("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        assertThat(runOf("incoming/a+b.csv").conf().get("version_id")).isEmpty();
    }

    @Test
    void redeliveredEvent_makesNoSecondRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, "events/s3-put.json");

        String summary = invoke(handler, "events/s3-redelivery.json");

        assertThat(summary).contains("0 created, 1 already existed");
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void reuploadOfTheSameKey_makesANewRun() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));
        invoke(handler, "events/s3-put.json");

        invoke(handler, "events/s3-reupload.json");

        assertThat(emulator.runs()).hasSize(2);
        assertThat(emulator.runs()).extracting(EmulatedRun::runId).doesNotHaveDuplicates();
    }

    @Test
    void routes_sendEachKeyToTheFirstMatchingDag_andSkipUnroutedKeys() {
        String summary = invoke(handler(Map.of("S3_DAG_ROUTES", "incoming/*.pdf=pdf_ingest, incoming/**/*.csv=s3_ingest",
                "DAG_ID", "ignored_when_routes_are_set")), "events/s3-put-batch.json");

        assertThat(summary).isEqualTo("3 objects: 3 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(runOf("incoming/a+b.csv").dagId()).isEqualTo("s3_ingest");
        assertThat(runOf("incoming/O'Brien \"quotes\" (final).csv").dagId()).isEqualTo("s3_ingest");
        assertThat(runOf("incoming/résumé-日本.pdf").dagId()).isEqualTo("pdf_ingest");
    }

    @Test
    void keyMatchingNoRoute_isSkippedWithoutFailing() {
        String summary = invoke(handler(Map.of("S3_DAG_ROUTES", "reports/**=s3_ingest")), "events/s3-put.json");

        assertThat(summary).isEqualTo("1 objects: 0 created, 0 already existed, 1 unrouted, 0 failed");
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void s3TestEvent_isAcceptedAndIgnored() {
        String summary = invoke(handler(Map.of("DAG_ID", "s3_ingest")), "events/s3-test-event.json");

        assertThat(summary).isEqualTo("0 objects");
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void objectThatCannotBeTriggered_doesNotStopTheOthers_andTheRetryCompletesTheBatch() {
        S3UploadHandler handler = handler(Map.of("S3_DAG_ROUTES", "**/*.pdf=missing_dag,**=s3_ingest"));

        assertThatThrownBy(() -> invoke(handler, "events/s3-put-batch.json"))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessageContaining("3 objects: 2 created, 0 already existed, 0 unrouted, 1 failed")
                .hasMessageContaining("s3://mwaa-trigger-uploads-123456789012/incoming/résumé-日本.pdf: DAG 'missing_dag'");
        assertThat(emulator.runs()).hasSize(2);

        emulator.addDag("missing_dag");
        String retried = invoke(handler, "events/s3-put-batch.json");

        assertThat(retried).isEqualTo("3 objects: 1 created, 2 already existed, 0 unrouted, 0 failed");
        assertThat(emulator.runs()).hasSize(3);
    }

    /** Commands that take 300 ms each, so that the objects sent side by side are seen running together. */
    @Test
    void objectsOfOneEvent_runSideBySideOnTheWebServer_withinItsCap() {
        emulator.close();
        emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("s3_ingest"))
                .cliCapacity(4, Duration.ofMillis(300)));
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest"));

        String summary = invoke(handler, "events/s3-put-batch.json");

        assertThat(summary).isEqualTo("3 objects: 3 created, 0 already existed, 0 unrouted, 0 failed");
        assertThat(emulator.runs()).hasSize(3);
        assertThat(emulator.mostConcurrentCliCommands()).isGreaterThan(1);
        assertThat(emulator.busyAnswers()).isZero();
    }

    /** The run the emulator holds for the object with {@code key}. */
    private EmulatedRun runOf(String key) {
        return emulator.runs().stream().filter(run -> run.conf().string("key").orElseThrow().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no run for " + key));
    }

    /**
     * One CLI slot, so that the objects go one after another and both faults meet the first (with more, the
     * objects sent at once would share them out).
     */
    @Test
    void mwaaUnavailableForOneObject_failsTheInvocationSoThatLambdaRetries() {
        S3UploadHandler handler = handler(Map.of("DAG_ID", "s3_ingest", "MWAA_MAX_CONCURRENT_CLI_CALLS", "1"));
        emulator.injectCliFaults(new io.github.mwaatrigger.emulator.Fault.Status(401, ""),
                new io.github.mwaatrigger.emulator.Fault.RejectToken());

        assertThatThrownBy(() -> invoke(handler, "events/s3-put-batch.json"))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessageContaining("1 failed")
                .hasMessageContaining("incoming/a+b.csv: the MWAA web server rejected a newly created CLI token too");
        assertThat(emulator.runs()).hasSize(2);
    }
}
