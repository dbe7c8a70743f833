package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.emulator.AirflowRole;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.TestEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code trigger DAG --transport rest} as a user types it, against the emulator's {@code InvokeRestApi} over
 * loopback HTTPS with the real client stack: one run with the conf given, the same JSON line and exit codes
 * as over the CLI, and a repeat, over either transport, is {@code ALREADY_EXISTED}.
 */
class TriggerOverRestEndToEndTest {

    private static final String CONF = "{\"path\": \"s3://bucket/a.csv\", \"n\": 1.50}";

    private static MwaaEmulator start(String version) {
        return TestEmulator.start(EmulatorConfig.builder().airflowVersion(AirflowVersion.parse(version))
                .dags(List.of("example_dag")));
    }

    private static ToolRun tool(MwaaEmulator emulator) {
        return new ToolRun(TestEmulator.environment(emulator), () -> { });
    }

    private static JsonObject line(ToolRun run) {
        return Json.parseObject(run.stdout().strip(), "stdout");
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void createsExactlyOneRunWithTheConf_andARepeatPrintsAlreadyExisted(String version) {
        try (MwaaEmulator emulator = start(version)) {
            ToolRun first = tool(emulator);
            ToolRun again = tool(emulator);

            int created = first.run("trigger", "example_dag", "--transport", "rest", "--run-id", "demo_1", "--conf",
                    CONF);
            int repeated = again.run("trigger", "example_dag", "--transport", "rest", "--run-id", "demo_1", "--conf",
                    CONF);

            assertThat(created).as(first.stderr()).isEqualTo(ExitCode.OK);
            assertThat(line(first).members().keySet())
                    .containsExactly("dag_id", "dag_run_id", "state", "logical_date", "outcome");
            assertThat(line(first).string("dag_run_id")).contains("demo_1");
            assertThat(line(first).string("outcome")).contains("CREATED");
            assertThat(repeated).as(again.stderr()).isEqualTo(ExitCode.OK);
            assertThat(line(again).string("outcome")).contains("ALREADY_EXISTED");
            assertThat(emulator.runs()).singleElement().satisfies(run -> {
                assertThat(run.runId()).isEqualTo("demo_1");
                assertThat(run.conf()).isEqualTo(Json.parse(CONF));
            });
            assertThat(emulator.receivedCommands()).as("no CLI command over rest").isEmpty();
        }
    }

    @ParameterizedTest(name = "Airflow {0}")
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void bothTransportsPrintTheSameLine_andEachSeesTheOthersRun(String version) {
        try (MwaaEmulator emulator = start(version)) {
            ToolRun cliFirst = tool(emulator);
            ToolRun restAfter = tool(emulator);
            ToolRun restFirst = tool(emulator);
            ToolRun cliAfter = tool(emulator);

            int codes = cliFirst.run("trigger", "example_dag", "--transport", "cli", "--run-id", "by_cli")
                    + restAfter.run("trigger", "example_dag", "--transport", "rest", "--run-id", "by_cli")
                    + restFirst.run("trigger", "example_dag", "--transport", "rest", "--run-id", "by_rest")
                    + cliAfter.run("trigger", "example_dag", "--transport", "cli", "--run-id", "by_rest");

            assertThat(codes).as(cliFirst.stderr() + restAfter.stderr() + restFirst.stderr() + cliAfter.stderr())
                    .isZero();
            assertThat(line(cliFirst).string("outcome")).contains("CREATED");
            assertThat(line(restAfter).string("outcome")).contains("ALREADY_EXISTED");
            assertThat(line(restFirst).string("outcome")).contains("CREATED");
            assertThat(line(cliAfter).string("outcome")).contains("ALREADY_EXISTED");
            assertThat(line(restFirst).members().keySet()).isEqualTo(line(cliFirst).members().keySet());
            assertThat(List.of(line(restAfter).string("dag_id"), line(restAfter).string("state")))
                    .isEqualTo(List.of(line(cliFirst).string("dag_id"), line(cliFirst).string("state")));
            assertThat(emulator.runs()).extracting(EmulatedRun::runId).containsExactly("by_cli", "by_rest");
        }
    }

    @Test
    void anUnknownDag_exitsWithOne_onBothTransports() {
        try (MwaaEmulator emulator = start("2.10.3")) {
            ToolRun overCli = tool(emulator);
            ToolRun overRest = tool(emulator);

            int cli = overCli.run("trigger", "ghost_dag", "--transport", "cli", "--run-id", "r");
            int rest = overRest.run("trigger", "ghost_dag", "--transport", "rest", "--run-id", "r");

            assertThat(cli).as(overCli.stderr()).isEqualTo(ExitCode.FAILED);
            assertThat(rest).as(overRest.stderr()).isEqualTo(ExitCode.FAILED);
            assertThat(overRest.stderr()).contains("DAG 'ghost_dag' was not found");
            assertThat(overRest.stdout()).isEmpty();
            assertThat(emulator.runs()).isEmpty();
        }
    }

    @Test
    void anAirflowBeforeInvokeRestApi_exitsWithTwo_namingTheWayOut() {
        try (MwaaEmulator emulator = start("2.4.2")) {
            ToolRun run = tool(emulator);

            int code = run.run("trigger", "example_dag", "--transport", "rest", "--run-id", "r");

            assertThat(code).as(run.stderr()).isEqualTo(ExitCode.USAGE);
            assertThat(run.stderr()).contains("2.4.3 or later").contains("MWAA_TRANSPORT=cli");
            assertThat(emulator.runs()).isEmpty();
        }
    }

    @Test
    void aViewerRole_exitsWithTwo_namingTheRoleAndTheGrant() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("example_dag"))
                .airflowRole(AirflowRole.VIEWER))) {
            ToolRun run = new ToolRun(TestEmulator.environment(emulator).with("MWAA_AIRFLOW_ROLE", "Viewer"), () -> { });

            int code = run.run("trigger", "example_dag", "--transport", "rest", "--run-id", "r");

            assertThat(code).as(run.stderr()).isEqualTo(ExitCode.USAGE);
            assertThat(run.stderr()).contains("Viewer").contains("may not trigger runs of DAG 'example_dag'")
                    .contains("airflow:InvokeRestApi").contains("role/" + emulator.config().environmentName() + "/User");
            assertThat(emulator.runs()).isEmpty();
        }
    }
}
