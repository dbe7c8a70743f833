package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.InMemoryAirflow.Fault;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import io.github.mwaatrigger.trigger.DagNotFoundException;
import io.github.mwaatrigger.trigger.InvalidDagRunRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The schedule function, fed the raw payloads both kinds of EventBridge schedule deliver (it reads the
 * stream itself, as the Lambda runtime hands it over, so that conf arrives exactly as given).
 */
class ScheduleHandlerTest {

    private static final String NIGHTLY_RUN_ID = "eventbridge__nightly-report_3c4e70a5__20240601T020000Z";

    private final InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag", "nightly_report");

    private ScheduleHandler handler(Environment environment) {
        return new ScheduleHandler(ScheduleFunctionSettings.from(environment, new Properties()), mwaa::services,
                mwaa.clock());
    }

    private ScheduleHandler handler() {
        return handler(mwaa.environment().with("DAG_ID", "example_dag"));
    }

    private static JsonObject invoke(ScheduleHandler handler, String payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output,
                    TestLambdaContext.invocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parseObject(output.toString(StandardCharsets.UTF_8), "handler output");
    }

    private static String file(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void classicScheduledEvent_runsDagIdWithTheRuleAndScheduledTimeAsConf_andAnswersWithTheRun() {
        JsonObject result = invoke(handler(), file("events/schedule-eventbridge-rule.json"));

        assertThat(result).isEqualTo(Json.parse("{\"dag_id\": \"example_dag\", \"dag_run_id\": \"" + NIGHTLY_RUN_ID
                + "\", \"state\": \"queued\", \"logical_date\": \"2024-06-01T08:30:00.250000+00:00\", "
                + "\"outcome\": \"CREATED\"}"));
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.dagId()).isEqualTo("example_dag");
            assertThat(run.runId()).isEqualTo(NIGHTLY_RUN_ID);
            assertThat(run.conf()).isEqualTo(Json.parse("{\"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                    + "\"schedule_arn\": \"arn:aws:events:us-east-1:123456789012:rule/nightly-report\"}"));
        });
    }

    @Test
    void schedulerInput_runsItsDagWithItsConfPlusTheScheduleFields() {
        JsonObject result = invoke(handler(), file("events/schedule-scheduler.json"));

        assertThat(result.string("dag_id")).contains("nightly_report");
        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("eventbridge__mwaa-trigger-schedule_a0b1cba2__20240601T020000Z");
            assertThat(run.conf()).isEqualTo(Json.parse("{\"report\": \"daily\", \"recipients\": "
                    + "[\"data-team@example.com\"], \"scheduled_time\": \"2024-06-01T02:00:00Z\", \"schedule_arn\": "
                    + "\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/mwaa-trigger-schedule\"}"));
        });
    }

    @Test
    void confReachesAirflowExactlyAsGiven() {
        invoke(handler(), "{\"conf\": {\"amount\": 1.50, \"big\": 12345678901234567890, \"it's\": \"$(x)\"}, "
                + "\"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}");

        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> assertThat(run.conf()).isEqualTo(
                Json.parse("{\"amount\": 1.50, \"big\": 12345678901234567890, \"it's\": \"$(x)\", \"scheduled_time\": "
                        + "\"2024-06-01T02:00:00Z\", \"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}")));
    }

    @Test
    void retriedDeliveryOfOneFiring_makesOneRun_andTheNextFiringANewOne() {
        ScheduleHandler handler = handler();
        String firing = file("events/schedule-scheduler.json");
        invoke(handler, firing);

        JsonObject retry = invoke(handler, firing);
        JsonObject nextFiring = invoke(handler, firing.replace("2024-06-01T02:00:00Z", "2024-06-02T02:00:00Z"));

        assertThat(retry.string("outcome")).contains("ALREADY_EXISTED");
        assertThat(nextFiring.string("outcome")).contains("CREATED");
        assertThat(mwaa.airflow().runs()).hasSize(2);
    }

    @Test
    void sameFiringDeliveredWithAnotherEventId_makesOneRun() {
        ScheduleHandler handler = handler();
        String firing = file("events/schedule-eventbridge-rule.json");
        invoke(handler, firing);

        invoke(handler, firing.replace("89d1a02d-5ec7-412e-82f5-13505f849b41", "0b5c7d3e-0000-4000-8000-000000000001"));

        assertThat(mwaa.airflow().runs()).hasSize(1);
    }

    @Test
    void withoutDagId_theScheduleInputNamesTheDag() {
        ScheduleHandler handler = handler(mwaa.environment());

        invoke(handler, "{\"dag_id\": \"nightly_report\", \"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}");

        assertThat(mwaa.airflow().runs()).singleElement().satisfies(run -> assertThat(run.dagId())
                .isEqualTo("nightly_report"));
    }

    @Test
    void withoutDagId_aClassicRuleNamesNoDag_andIsRefusedSayingWhatToSet() {
        ScheduleHandler handler = handler(mwaa.environment());

        assertThatThrownBy(() -> invoke(handler, file("events/schedule-eventbridge-rule.json")))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessage("the schedule names no DAG: put \"dag_id\" in the schedule's input or set DAG_ID");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void eventOfAnotherShape_isRefusedWithWhatToConfigure_beforeMwaaIsAsked() {
        assertThatThrownBy(() -> invoke(handler(), "{\"hello\": \"world\"}"))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageContaining("set the schedule's input to {\"scheduled_time\": "
                        + "\"<aws.scheduler.scheduled-time>\", \"schedule_arn\": \"<aws.scheduler.schedule-arn>\"}");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void eventThatIsNotAJsonObject_isRefused() {
        assertThatThrownBy(() -> invoke(handler(), "[\"not\", \"an object\"]"))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageStartingWith("the schedule event is not a JSON object: ");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }

    @Test
    void confThatIsNotAnObject_isRefused() {
        assertThatThrownBy(() -> invoke(handler(), "{\"conf\": [1], \"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}"))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessage("\"conf\" in the schedule's input must be a JSON object");
    }

    @Test
    void scheduledTimeThatIsNotATime_isRefusedSayingWhatToUse() {
        assertThatThrownBy(() -> invoke(handler(), "{\"scheduled_time\": \"tonight\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}"))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessage("\"scheduled_time\" is 'tonight', not an ISO 8601 time such as 2024-06-01T02:00:00Z (use "
                        + "<aws.scheduler.scheduled-time>)");
    }

    @Test
    void unknownDag_failsTheInvocation() {
        assertThatThrownBy(() -> invoke(handler(), "{\"dag_id\": \"nope\", \"scheduled_time\": "
                + "\"2024-06-01T02:00:00Z\", \"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}"))
                .isInstanceOf(DagNotFoundException.class);
        assertThat(mwaa.airflow().runs()).isEmpty();
    }

    @Test
    void mwaaUnavailable_failsTheInvocationSoThatLambdaRetriesIt() {
        mwaa.airflow().script(Fault.BUSY);

        assertThatThrownBy(() -> invoke(handler(), file("events/schedule-scheduler.json")))
                .isInstanceOfSatisfying(MwaaUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThat(mwaa.airflow().runs()).isEmpty();
    }
}
