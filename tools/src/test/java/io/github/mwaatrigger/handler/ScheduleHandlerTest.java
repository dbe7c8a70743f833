package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.ScheduleFunctionSettings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.local.LocalContext;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.trigger.DagNotFoundException;
import io.github.mwaatrigger.trigger.InvalidDagRunRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schedule function, fed the raw payloads both kinds of EventBridge schedule deliver (it reads the
 * stream itself, as the Lambda runtime hands it over, so that conf arrives exactly as given).
 */
class ScheduleHandlerTest {

    private MwaaEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = TestEmulator.start(EmulatorConfig.builder());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private ScheduleHandler handler() {
        Environment environment = TestEmulator.environment(emulator).with("DAG_ID", "example_dag");
        return new ScheduleHandler(ScheduleFunctionSettings.from(environment, new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());
    }

    private static JsonObject invoke(ScheduleHandler handler, String payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output,
                    new LocalContext("test", Duration.ofSeconds(30)));
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
    void classicScheduledEvent_runsDagIdWithTheRuleAndScheduledTimeAsConf() {
        JsonObject result = invoke(handler(), file("events/schedule-eventbridge-rule.json"));

        assertThat(result.string("outcome")).contains("CREATED");
        assertThat(emulator.runs()).singleElement().satisfies(run -> {
            assertThat(run.dagId()).isEqualTo("example_dag");
            assertThat(run.runId()).matches("eventbridge__nightly-report_[0-9a-f]{8}__20240601T020000Z");
            assertThat(run.conf()).isEqualTo(Json.parse("{\"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                    + "\"schedule_arn\": \"arn:aws:events:us-east-1:123456789012:rule/nightly-report\"}"));
        });
    }

    @Test
    void schedulerInput_runsItsDagWithItsConfPlusTheScheduleFields() {
        JsonObject result = invoke(handler(), file("events/schedule-scheduler.json"));

        assertThat(result.string("dag_id")).contains("nightly_report");
        assertThat(emulator.runs()).singleElement().satisfies(run -> {
            assertThat(run.runId()).matches("eventbridge__mwaa-trigger-schedule_[0-9a-f]{8}__20240601T020000Z");
            assertThat(run.conf()).isEqualTo(Json.parse("{\"report\": \"daily\", \"recipients\": "
                    + "[\"data-team@example.com\"], \"scheduled_time\": \"2024-06-01T02:00:00Z\", \"schedule_arn\": "
                    + "\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/mwaa-trigger-schedule\"}"));
        });
    }

    @Test
    void confReachesAirflowExactlyAsGiven() {
        invoke(handler(), "{\"conf\": {\"amount\": 1.50, \"big\": 12345678901234567890, \"it's\": \"$(x)\"}, "
                + "\"scheduled_time\": \"2024-06-01T02:00:00Z\", \"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}");

        assertThat(emulator.runs()).singleElement().satisfies(run -> {
            assertThat(run.conf().get("amount")).hasValueSatisfying(v -> assertThat(v.toString()).contains("1.50"));
            assertThat(run.conf().get("big")).hasValueSatisfying(v -> assertThat(v.toString())
                    .contains("12345678901234567890"));
            assertThat(run.conf().string("it's")).contains("$(x)");
        });
    }

    @Test
    void retriedDeliveryOfOneFiring_makesOneRun_andTheNextFiringANewOne() {
        ScheduleHandler handler = handler();
        String firing = file("events/schedule-scheduler.json");
        invoke(handler, firing);

        JsonObject retry = invoke(handler, firing);
        invoke(handler, firing.replace("2024-06-01T02:00:00Z", "2024-06-02T02:00:00Z"));

        assertThat(retry.string("outcome")).contains("ALREADY_EXISTED");
        assertThat(emulator.runs()).hasSize(2);
    }

    @Test
    void sameFiringDeliveredWithAnotherExecutionId_makesOneRun() {
        ScheduleHandler handler = handler();
        String firing = file("events/schedule-eventbridge-rule.json");
        invoke(handler, firing);

        invoke(handler, firing.replace("89d1a02d-5ec7-412e-82f5-13505f849b41", "0b5c7d3e-0000-4000-8000-000000000001"));

        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void eventOfAnotherShape_isRefusedWithWhatToConfigure() {
        assertThatThrownBy(() -> invoke(handler(), "{\"hello\": \"world\"}"))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageContaining("\"scheduled_time\": \"<aws.scheduler.scheduled-time>\"");
        assertThat(emulator.receivedCommands()).isEmpty();
    }

    @Test
    void confThatIsNotAnObject_isRefused() {
        assertThatThrownBy(() -> invoke(handler(), "{\"conf\": [1], \"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}"))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageContaining("\"conf\" in the schedule's input must be a JSON object");
    }

    @Test
    void unknownDag_failsTheInvocation() {
        assertThatThrownBy(() -> invoke(handler(), "{\"dag_id\": \"nope\", \"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}"))
                .isInstanceOf(DagNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a dag", "-starts_with_dash", "dag/with/slashes"})
    void malformedDagId_failsTheColdStartNamingDagId(String dagId) {
        Environment environment = TestEmulator.environment(emulator).with("DAG_ID", dagId);

        assertThatThrownBy(() -> new ScheduleHandler(ScheduleFunctionSettings.from(environment, new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DAG_ID: '" + dagId + "' is not a valid DAG id");
    }

    @Test
    void withoutDagId_theScheduleInputNamesTheDag() {
        ScheduleHandler handler = new ScheduleHandler(
                ScheduleFunctionSettings.from(TestEmulator.environment(emulator), new Properties()),
                settings -> TestEmulator.services(settings, Clock.systemUTC()), Clock.systemUTC());

        invoke(handler, "{\"dag_id\": \"example_dag\", \"scheduled_time\": \"2024-06-01T02:00:00Z\", "
                + "\"schedule_arn\": \"arn:aws:scheduler:::schedule/g/s\"}");

        assertThat(emulator.runs()).singleElement().satisfies(run -> assertThat(run.dagId()).isEqualTo("example_dag"));
    }
}
