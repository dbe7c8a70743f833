package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.RestApiRequest;
import io.github.mwaatrigger.testing.InMemoryAirflow.Run;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.InMemoryRestApi;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three functions with {@code MWAA_TRANSPORT=rest}, fed the payloads in {@code events/}, on Airflow 2
 * (REST API v1) and 3 (v2): the same runs, run ids and answers as over the CLI, and an event delivered once
 * over each transport still makes one run.
 */
class RestTransportHandlersTest {

    private static final String SALES_RUN_ID = "s3__sales_report_2024-06-01.csv__9d4c5830f2e8ae1abf5d9255";
    private static final String SCHEDULE_RUN_ID = "eventbridge__mwaa-trigger-schedule_a0b1cba2__20240601T020000Z";

    private InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "s3_ingest", "example_dag", "nightly_report");

    private Environment environment(String transport) {
        return mwaa.environment().with("MWAA_TRANSPORT", transport).with("MWAA_AIRFLOW_ROLE", "User")
                .with("DAG_ID", "s3_ingest");
    }

    private S3UploadHandler uploads(String transport) {
        return new S3UploadHandler(UploadFunctionSettings.from(environment(transport), new Properties()),
                mwaa::services, mwaa.clock());
    }

    private ScheduleHandler schedules(String transport) {
        return new ScheduleHandler(ScheduleFunctionSettings.from(environment(transport).with("DAG_ID", "example_dag"),
                new Properties()), mwaa::services, mwaa.clock());
    }

    private ApiHandler api(String transport) {
        return new ApiHandler(ApiFunctionSettings.from(environment(transport).with("API_ALLOWED_DAGS", "example_dag"),
                new Properties()), mwaa::services, mwaa.clock());
    }

    private static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String eventFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(eventFile))), output,
                    TestLambdaContext.invocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    private static APIGatewayProxyResponseEvent call(ApiHandler handler, APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestLambdaContext("rest-request", Duration.ofSeconds(28)));
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void upload_startsOneRun_andItsRedelivery_isFoundAlthoughItsPathIsTooLongToRead(String version) {
        mwaa = InMemoryMwaa.running(version, "s3_ingest");
        S3UploadHandler handler = uploads("rest");

        assertThat(invoke(handler, "events/s3-put.json"))
                .isEqualTo("\"1 objects: 1 created, 0 already existed, 0 unrouted, 0 failed\"");
        mwaa.clock().advance(Duration.ofMinutes(1));
        assertThat(invoke(handler, "events/s3-redelivery.json"))
                .isEqualTo("\"1 objects: 0 created, 1 already existed, 0 unrouted, 0 failed\"");

        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo(SALES_RUN_ID);
            assertThat(run.conf().string("key")).contains("incoming/daily/sales report 2024-06-01.csv");
        });
        assertThat(mwaa.airflow().commands()).isEmpty();
        assertThat(mwaa.restApi().requests()).extracting(RestApiRequest::path)
                .allSatisfy(path -> assertThat(path).hasSizeLessThanOrEqualTo(RestApiRequest.MAX_PATH_LENGTH));
    }

    @ParameterizedTest(name = "first over {0}")
    @ValueSource(strings = {"cli", "rest"})
    void anEventDeliveredOverEachTransport_startsOneRun(String first) {
        String second = first.equals("cli") ? "rest" : "cli";

        assertThat(invoke(uploads(first), "events/s3-put.json")).contains("1 created");
        mwaa.clock().advance(Duration.ofSeconds(2));
        assertThat(invoke(uploads(second), "events/s3-redelivery.json")).contains("1 already existed");

        assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactly(SALES_RUN_ID);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void schedule_answersTheSameJsonAsOverTheCli_andARepeatIsAlreadyExisted(String version) {
        mwaa = InMemoryMwaa.running(version, "nightly_report");

        JsonObject first = Json.parseObject(invoke(schedules("rest"), "events/schedule-scheduler.json"), "output");
        JsonObject again = Json.parseObject(invoke(schedules("rest"), "events/schedule-scheduler.json"), "output");

        assertThat(first.members().keySet()).containsExactly("dag_id", "dag_run_id", "state", "logical_date", "outcome");
        assertThat(first.string("dag_run_id")).contains(SCHEDULE_RUN_ID);
        assertThat(first.string("state")).contains("queued");
        assertThat(first.string("outcome")).contains("CREATED");
        assertThat(again.string("outcome")).contains("ALREADY_EXISTED");
        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void api_triggersReadsAndListsRuns_andARetriedRequestWithItsKeyGetsTheSameRun(String version) {
        mwaa = InMemoryMwaa.running(version, "example_dag");
        ApiHandler handler = api("rest");

        APIGatewayProxyResponseEvent created = call(handler,
                EventLoader.loadApiGatewayRestEvent("events/api-1-trigger-run.json"));
        APIGatewayProxyResponseEvent retried = call(handler,
                EventLoader.loadApiGatewayRestEvent("events/api-2-trigger-run-retried.json"));
        APIGatewayProxyRequestEvent read = EventLoader.loadApiGatewayRestEvent("events/api-3-get-run.json");
        read.setPathParameters(Map.of("dag_id", "example_dag", "dag_run_id", "api_order_1234"));
        APIGatewayProxyResponseEvent one = call(handler, read);
        APIGatewayProxyResponseEvent list = call(handler,
                EventLoader.loadApiGatewayRestEvent("events/api-4-list-runs.json"));

        assertThat(created.getStatusCode()).isEqualTo(200);
        assertThat(Json.parseObject(created.getBody(), "body").get("conf"))
                .contains(Json.parse("{\"order_id\": 1234, \"note\": \"it's urgent\"}"));
        assertThat(retried.getStatusCode()).isEqualTo(200);
        assertThat(Json.parseObject(retried.getBody(), "body").string("dag_run_id")).contains("api_order_1234");
        assertThat(one.getStatusCode()).isEqualTo(200);
        assertThat(Json.parseObject(one.getBody(), "body").string("state")).contains("queued");
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(Json.parseObject(list.getBody(), "body").get("total_entries")).contains(Json.parse("1"));
        assertThat(mwaa.airflow().runs()).extracting(Run::runId).containsExactly("api_order_1234");
    }

    @Test
    void aRoleThatMayNotTrigger_failsTheInvocation_withWhatToGrant_andNothingRuns() {
        mwaa.restApi().actAs("Viewer");

        assertThatThrownBy(() -> invoke(uploads("rest"), "events/s3-put.json"))
                .isInstanceOf(UploadBatchFailedException.class)
                .hasMessageContaining("Airflow role 'User' may not trigger runs of DAG 's3_ingest'")
                .hasMessageContaining("role/InMemoryEnvironment/User");
        assertThatThrownBy(() -> invoke(schedules("rest"), "events/schedule-scheduler.json"))
                .isInstanceOf(MwaaConfigurationException.class);
        assertThat(mwaa.airflow().runs()).isEmpty();
    }

    @Test
    void mwaaThrottlingUntilTheDeadline_failsTheInvocation_soThatLambdaRetriesIt() {
        mwaa.restApi().script(InMemoryRestApi.Fault.THROTTLED);

        assertThatThrownBy(() -> invoke(uploads("rest"), "events/s3-put.json"))
                .isInstanceOf(UploadBatchFailedException.class).hasMessageContaining("MWAA throttled the call");
        assertThat(invoke(uploads("rest"), "events/s3-redelivery.json")).contains("1 created");
    }

    @Test
    void priming_overRest_withTheVersionLeftToAuto_asksMwaaAndAirflowNothing() {
        mwaa = InMemoryMwaa.running("3.0.6", "s3_ingest", "example_dag");
        Environment auto = environment("rest").with("AIRFLOW_VERSION", "auto");

        new S3UploadHandler(UploadFunctionSettings.from(auto, new Properties()), mwaa::services, mwaa.clock())
                .priming().prime();
        new ApiHandler(ApiFunctionSettings.from(auto.with("API_ALLOWED_DAGS", "*"), new Properties()), mwaa::services,
                mwaa.clock()).priming().prime();

        assertThat(mwaa.controlPlane().prepared()).isTrue();
        assertThat(mwaa.controlPlane().calls()).isEmpty();
        assertThat(mwaa.restApi().requests()).isEmpty();
    }

    @Test
    void restWithAnAirflowInvokeRestApiCannotReach_stopsStartUp_namingBothSettings() {
        mwaa = InMemoryMwaa.running("2.2.2", "s3_ingest");

        assertThatThrownBy(() -> uploads("rest"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MWAA_TRANSPORT=rest cannot reach AIRFLOW_VERSION 2.2.2")
                .hasMessageContaining("2.4.3 or later").hasMessageContaining("MWAA_TRANSPORT=cli");
    }
}
