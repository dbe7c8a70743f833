package io.github.mwaatrigger.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AirflowDialectTest {

    private static final JsonObject NO_CONF = JsonObject.empty();

    @ParameterizedTest(name = "Airflow {0}")
    @CsvSource(delimiter = '|', value = {
        "1.10.12 | trigger_dag d -r r1",
        "2.0.2   | dags trigger d -r r1",
        "2.5.1   | dags trigger d -r r1",
        "2.6.3   | dags trigger d -r r1 --no-replace-microseconds -o json",
        "2.10.3  | dags trigger d -r r1 --no-replace-microseconds -o json",
        "3.0.6   | dags trigger d -r r1 --no-replace-microseconds -o json"})
    void triggerCommand_speaksTheVersionsDialect(String version, String expected) {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.parse(version));

        assertThat(dialect.triggerCommand("d", "r1", NO_CONF, Optional.empty()).commandLine()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Airflow {0}")
    @CsvSource(delimiter = '|', value = {
        "2.10.3 | -e",
        "1.10.12 | -e",
        "3.0.6 | --logical-date"})
    void logicalDate_usesTheVersionsOption(String version, String option) {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.parse(version));

        List<String> words = dialect.triggerCommand("d", "r1", NO_CONF,
                Optional.of(Instant.parse("2024-06-01T08:30:00.123456789Z"))).words();

        assertThat(words).containsSubsequence(option, "2024-06-01T08:30:00.123456+00:00");
    }

    @Test
    void hostileConf_isOneSingleQuotedWordThatMwaaSplitsBackIntoTheSameJson() {
        JsonObject conf = Json.parseObject("{\"q\": \"it's \\\"quoted\\\"\", \"cmd\": \"$(rm -rf /); `id` && echo ~\", "
                + "\"slash\": \"a\\\\b\", \"lines\": \"one\\ntwo\\r\\tthree\", \"uni\": \"é ü 日本 😀\", "
                + "\"dash\": \"-o json --help\", \"n\": 1.50, \"nested\": {\"list\": [null, true, -0]}}", "conf");
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(2, 10, 3));

        CliCommand command = dialect.triggerCommand("d", "r1", conf, Optional.empty());
        String commandLine = command.commandLine();

        List<String> words = command.words();
        assertThat(words).hasSize(10).startsWith("dags", "trigger", "d", "-r", "r1", "-c").endsWith("-o", "json");
        assertThat(Json.parse(words.get(6))).isEqualTo(conf);
        assertThat(commandLine).contains(" -c '{").doesNotContain("\\'").doesNotContain("\n");
        assertThat(commandLine.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void confArgument_writesEveryCharacterAboveTildeAndEveryApostropheAsAnEscape() {
        JsonObject conf = JsonObject.builder().put("it's", "O'Brien ~\u007f\u00e9\u20ac\uD83D\uDE00\uFFFF").build();

        assertThat(AirflowDialect.confArgument(conf))
                .isEqualTo("{\"it\\u0027s\":\"O\\u0027Brien ~\\u007f\\u00e9\\u20ac\\ud83d\\ude00\\uffff\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"q\": \"it's \\\"quoted\\\" \\\\u0027 not an escape\", \"n\": [1.50, -0, 1e400, true, null, {}]}",
        "{\"caf\u00e9 \u65e5\u672c\": \"\uD83D\uDE00 \\ud800 lone \\udfff \u2028 \u007f\", \"''\": \"'\"}",
        "{\"controls\": \"\\u0000\\b\\t\\n\\f\\r\\u001f\", \"slash\": \"a/b\\\\c\"}"})
    void confArgument_isPrintableAsciiWithoutApostrophes_andReadsBackAsTheSameConf(String text) {
        JsonObject conf = Json.parseObject(text, "conf");

        String argument = AirflowDialect.confArgument(conf);

        assertThat(argument.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e && c != '\'');
        assertThat(Json.parseObject(argument, "argument")).isEqualTo(conf);
    }

    @Test
    void aConfAtTheDeepestAcceptedDepth_isReadBackInsideTheJsonTriggerAnswer() {
        String nested = "{\"a\":".repeat(Json.MAX_DEPTH - 1) + "{}" + "}".repeat(Json.MAX_DEPTH - 1);
        JsonObject conf = Json.parseObject(nested, "conf");
        JsonArray answer = new JsonArray(List.of(JsonObject.builder().put("conf", conf).put("dag_id", "d")
                .put("dag_run_id", "r1").put("state", "queued").build()));
        CliOutput output = new CliOutput("INFO - Filling up the DagBag\n" + JsonWriter.compact().write(answer) + "\n", "");

        TriggerReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readTrigger(output, "d", "r1", conf);

        assertThat(reply).isInstanceOfSatisfying(TriggerReply.Created.class,
                created -> assertThat(created.run().state()).isEqualTo("queued"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-rf", "a b", "x;y", "r$(id)", "manual__x", "scheduled__2024", "a..b", ""})
    void runIdsThatAirflowWouldRejectOrMisread_areRefusedBeforeSending(String runId) {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(2, 10, 3));

        assertThatThrownBy(() -> dialect.triggerCommand("d", runId, NO_CONF, Optional.empty()))
                .isInstanceOf(InvalidAirflowIdException.class)
                .hasMessageContaining("run id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-d", "my dag", "dag;rm", "dág", ""})
    void dagIdsOutsideAirflowsPattern_areRefusedBeforeSending(String dagId) {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(2, 10, 3));

        assertThatThrownBy(() -> dialect.triggerCommand(dagId, "r1", NO_CONF, Optional.empty()))
                .isInstanceOf(InvalidAirflowIdException.class)
                .hasMessageContaining("DAG id");
    }

    @Test
    void jsonTriggerOutput_isReadThroughLogLinesAndWarnings() {
        CliOutput output = new CliOutput("""
                [2024-06-01 08:30:00,123] {__init__.py:42} INFO - Loaded API auth backend: airflow.api.auth.backend.session
                [{"conf": {"a": "1"}, "dag_id": "d", "dag_run_id": "r1", "data_interval_start": "2024-06-01 08:30:00.123456+00:00", "end_date": null, "external_trigger": "True", "logical_date": "2024-06-01 08:30:00.123456+00:00", "run_type": "manual", "start_date": null, "state": "queued"}]
                """, "/usr/local/airflow/x.py:184 RemovedInAirflow3Warning: The basic metric validator ...\n");

        TriggerReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readTrigger(output, "d", "r1", NO_CONF);

        assertThat(reply).isInstanceOfSatisfying(TriggerReply.Created.class, created -> {
            assertThat(created.run().state()).isEqualTo("queued");
            assertThat(created.run().logicalDate()).isEqualTo("2024-06-01T08:30:00.123456+00:00");
            assertThat(created.run().runType()).isEqualTo("manual");
            assertThat(created.run().externalTrigger()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1.10.12 | [2020-01-01 00:00:00,000] {cli.py:243} INFO - Created <DagRun d @ 2020-01-01T00:00:00+00:00: r1, externally triggered: True> | ",
        "2.0.2   | Created <DagRun d @ 2021-01-01T00:00:00+00:00: r1, externally triggered: True> | ",
        "2.5.1   | Created <DagRun d @ 2023-01-26T11:03:41+00:00: r1, state:queued, queued_at: 2023-01-26 11:03:41.412394+00:00. externally triggered: True> | queued"})
    void createdLine_isReadOnTheTextDialects(String version, String stdout, String state) {
        TriggerReply reply = AirflowDialect.of(AirflowVersion.parse(version))
                .readTrigger(new CliOutput(stdout + "\n", ""), "d", "r1", NO_CONF);

        assertThat(reply).isInstanceOfSatisfying(TriggerReply.Created.class, created -> {
            assertThat(created.run().runId()).isEqualTo("r1");
            assertThat(created.run().state()).isEqualTo(state);
            assertThat(created.run().externalTrigger()).isTrue();
        });
    }

    @Test
    void confEchoedInASuccessfulAnswer_cannotPassForAnError() {
        CliOutput output = new CliOutput("[{\"conf\": {\"x\": \"Traceback (most recent call last): DagRunAlreadyExists "
                + "A DAG Run already exists\"}, \"dag_id\": \"d\", \"dag_run_id\": \"r1\", \"state\": \"queued\"}]\n", "");

        TriggerReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readTrigger(output, "d", "r1", NO_CONF);

        assertThat(reply).isInstanceOf(TriggerReply.Created.class);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "ALREADY_EXISTS | airflow.exceptions.DagRunAlreadyExists: A DAG Run already exists for DAG d at 2024-06-01 00:00:00+00:00 with run id r1",
        "ALREADY_EXISTS | airflow.exceptions.DagRunAlreadyExists: Run id r1 already exists for dag id d",
        "ALREADY_EXISTS | airflow.exceptions.DagRunAlreadyExists: A Dag Run already exists for dag id d at "
                + "2024-06-01 00:00:00+00:00 with run id r1",
        "ALREADY_EXISTS | airflow.exceptions.DagRunAlreadyExists: A DAG Run already exists for DAG d with run id r1",
        "DAG_NOT_FOUND | airflow.exceptions.DagNotFound: Dag id d not found in DagModel",
        "DUPLICATE_LOGICAL_DATE | sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint \"dag_run_dag_id_execution_date_key\"",
        "INVALID_ARGUMENT | ValueError: The run_id provided 'r 1' does not match the pattern '^[A-Za-z0-9_.~:+-]+$'",
        "INVALID_ARGUMENT | json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
        "OTHER | sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server"})
    void tracebacks_areClassified(AirflowError.Kind kind, String lastLine) {
        CliOutput output = new CliOutput("", "/usr/x.py:1 FutureWarning: something\nTraceback (most recent call last):\n"
                + "  File \"/usr/local/bin/airflow\", line 8, in <module>\n    sys.exit(main())\n" + lastLine + "\n");

        TriggerReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readTrigger(output, "d", "r1", NO_CONF);

        assertThat(reply).isInstanceOfSatisfying(TriggerReply.Refused.class, refused -> {
            assertThat(refused.error().kind()).isEqualTo(kind);
            assertThat(refused.error().message()).isEqualTo(lastLine);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Usage: airflow dags trigger [-h] ...|airflow command error: unrecognized arguments: "
                + "--no-replace-microseconds -o json, see help above.",
        "Usage: airflow trigger_dag [-h] ...|airflow command error: argument GROUP_OR_COMMAND: `airflow trigger_dag` "
                + "command, has been removed, please use `airflow dags trigger`, see help above.",
        "usage: airflow [-h] dags ...|airflow: error: argument GROUP_OR_COMMAND: invalid choice: 'dags'"})
    void usageErrors_areCommandsTheVersionDoesNotAccept(String usage, String error) {
        CliOutput output = new CliOutput("", usage + "\n\n" + error + "\n");

        TriggerReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readTrigger(output, "d", "r1", NO_CONF);

        assertThat(reply).isInstanceOfSatisfying(TriggerReply.Refused.class, refused -> {
            assertThat(refused.error().kind()).isEqualTo(AirflowError.Kind.UNSUPPORTED_COMMAND);
            assertThat(refused.error().message()).isEqualTo(error);
        });
    }

    @Test
    void uniqueViolationWithItsDetailLine_isADuplicateLogicalDate() {
        CliOutput output = new CliOutput("", "Traceback (most recent call last):\n"
                + "sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates "
                + "unique constraint \"dag_run_dag_id_logical_date_key\"\n"
                + "DETAIL:  Key (dag_id, logical_date)=(d, 2024-06-01 00:00:00+00:00) is taken.\n");

        TriggerReply reply = AirflowDialect.of(AirflowVersion.of(3, 0, 6)).readTrigger(output, "d", "r1", NO_CONF);

        assertThat(reply).isInstanceOfSatisfying(TriggerReply.Refused.class, refused ->
                assertThat(refused.error().kind()).isEqualTo(AirflowError.Kind.DUPLICATE_LOGICAL_DATE));
    }

    @ParameterizedTest(name = "Airflow {0}")
    @CsvSource(delimiter = '|', value = {
        "2.0.2  | dags list-runs -d d -o json",
        "2.10.3 | dags list-runs -d d -o json",
        "3.0.6  | dags list-runs d -o json"})
    void listRunsCommand_speaksTheVersionsDialect(String version, String expected) {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.parse(version));

        assertThat(dialect.listRunsCommand("d").commandLine()).isEqualTo(expected);
    }

    @Test
    void listRunsOnAirflow110_isRefusedAsUnsupported() {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(1, 10, 12));

        assertThat(dialect.canListRuns()).isFalse();
        assertThatThrownBy(() -> dialect.listRunsCommand("d")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("needs Airflow 2.0 or later");
    }

    @Test
    void listRunsForAnUnknownDag_isDagNotFound() {
        CliOutput output = new CliOutput("", "DAG: d does not exist in 'dag' table\n");

        RunsReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readRuns(output, "d", run -> { });

        assertThat(reply).isInstanceOfSatisfying(RunsReply.Refused.class,
                refused -> assertThat(refused.error().kind()).isEqualTo(AirflowError.Kind.DAG_NOT_FOUND));
    }

    @Test
    void listRuns_afterManyLogLinesThatStartWithABracket_findsTheRows() {
        String logLine = "[2025-05-01T10:00:00.000+0000] {dagbag.py:588} INFO - Filling up the DagBag from /dags\n";
        CliOutput output = new CliOutput(logLine.repeat(40_000) + "[{\"dag_id\": \"d\", \"run_id\": \"r1\", "
                + "\"state\": \"success\", \"execution_date\": \"2025-05-01T10:00:00+00:00\"}]\n", "");

        List<DagRun> runs = new ArrayList<>();
        RunsReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readRuns(output, "d", runs::add);

        assertThat(reply).isEqualTo(new RunsReply.Listed(1));
        assertThat(runs).extracting(DagRun::runId).containsExactly("r1");
    }

    @Test
    void listRuns_readsAirflow3RowsWithEmptyDatesAsNull() {
        CliOutput output = new CliOutput("[{\"dag_id\": \"d\", \"run_id\": \"r1\", \"state\": \"running\", "
                + "\"run_after\": \"2025-05-01T10:00:00.5+00:00\", \"logical_date\": \"\", \"start_date\": "
                + "\"2025-05-01T10:00:01+00:00\", \"end_date\": \"\"}]\n", "");

        List<DagRun> runs = new ArrayList<>();
        AirflowDialect.of(AirflowVersion.of(3, 0, 6)).readRuns(output, "d", runs::add);

        assertThat(runs).singleElement().satisfies(run -> {
                    assertThat(run.state()).isEqualTo("running");
                    assertThat(run.logicalDate()).isNull();
                    assertThat(run.startDate()).isEqualTo("2025-05-01T10:00:01+00:00");
                    assertThat(run.endDate()).isNull();
                    assertThat(run.conf()).isNull();
                });
    }

    @ParameterizedTest(name = "Airflow {0}")
    @CsvSource(delimiter = '|', value = {
        "2.0.2  | dags list-runs -d d -o json --state running --start-date 2024-06-01T00:00:00+00:00 --end-date "
                + "2024-06-02T00:00:00.500000+00:00",
        "3.0.6  | dags list-runs d -o json --state running --start-date 2024-06-01T00:00:00+00:00 --end-date "
                + "2024-06-02T00:00:00.500000+00:00"})
    void listRunsCommand_narrowsByStateAndLogicalDateOnAirflowsSide(String version, String expected) {
        ListRunsFilter filter = new ListRunsFilter(Optional.of("running"), Optional.of(Instant.parse(
                "2024-06-01T00:00:00Z")), Optional.of(Instant.parse("2024-06-02T00:00:00.5Z")));

        assertThat(AirflowDialect.of(AirflowVersion.parse(version)).listRunsCommand("d", filter).commandLine())
                .isEqualTo(expected);
    }

    @Test
    void listRuns_withManyRows_handsEachOnAndCountsThem() {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            rows.append(i == 0 ? "" : ", ").append("{\"dag_id\": \"d\", \"run_id\": \"r").append(i)
                    .append("\", \"state\": \"success\", \"execution_date\": \"2024-06-01T00:00:00+00:00\", "
                            + "\"start_date\": \"\", \"end_date\": \"\"}");
        }
        List<String> ids = new ArrayList<>();

        RunsReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3))
                .readRuns(new CliOutput(rows + "]\n", ""), "d", run -> ids.add(run.runId()));

        assertThat(reply).isEqualTo(new RunsReply.Listed(5000));
        assertThat(ids).hasSize(5000).startsWith("r0", "r1").endsWith("r4999");
    }

    @Test
    void listRunsThatBreaksOff_isRefusedAsUnreadable() {
        CliOutput output = new CliOutput("[{\"dag_id\": \"d\", \"run_id\": \"r1\", \"state\": \"success\"}, "
                + "{\"dag_id\": \"d\", \"run_", "");

        RunsReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readRuns(output, "d", run -> { });

        assertThat(reply).isInstanceOfSatisfying(RunsReply.Refused.class, refused -> {
            assertThat(refused.error().kind()).isEqualTo(AirflowError.Kind.OTHER);
            assertThat(refused.error().message()).startsWith("dags list-runs printed JSON that could not be read");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "order_1                               | manual            | true",
        "manual__2024-06-01T00:00:00+00:00     | manual            | ",
        "scheduled__2024-06-01T00:00:00+00:00  | scheduled         | ",
        "backfill__2024-06-01T00:00:00+00:00   | backfill          | ",
        "dataset_triggered__2024-06-01T00:00:00+00:00 | dataset_triggered | ",
        "asset_triggered__2024-06-01T00:00:00+00:00   |                   | "})
    void listedRuns_carryTheRunTypeTheirIdTells(String runId, String runType, Boolean externalTrigger) {
        CliOutput output = new CliOutput("[{\"dag_id\": \"d\", \"run_id\": \"" + runId + "\", \"state\": "
                + "\"success\", \"execution_date\": \"2024-06-01T00:00:00+00:00\"}]\n", "");
        List<DagRun> runs = new ArrayList<>();

        AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readRuns(output, "d", runs::add);

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.runType()).isEqualTo(runType);
            assertThat(run.externalTrigger()).isEqualTo(externalTrigger);
        });
    }

    @ParameterizedTest(name = "Airflow {0}")
    @CsvSource(delimiter = '|', value = {
        "2.0.2  | dags state d 2024-06-01T08:30:00.250000+00:00",
        "2.10.3 | dags state d 2024-06-01T08:30:00.250000+00:00",
        "3.0.6  | dags state d r1"})
    void dagStateCommand_findsTheRunByLogicalDateOn2_andByRunIdOn3(String version, String expected) {
        DagRun run = new DagRun("d", "r1", "queued", "2024-06-01T08:30:00.250000+00:00", null, null, null, null, null);

        assertThat(AirflowDialect.of(AirflowVersion.parse(version)).dagStateCommand(run))
                .hasValueSatisfying(command -> assertThat(command.commandLine()).isEqualTo(expected));
    }

    @Test
    void dagStateCommand_isNotThereOnAirflow110_norOn2WithoutALogicalDate() {
        DagRun withoutDate = DagRun.identifiedBy("d", "r1");

        assertThat(AirflowDialect.of(AirflowVersion.of(1, 10, 12)).dagStateCommand(withoutDate)).isEmpty();
        assertThat(AirflowDialect.of(AirflowVersion.of(2, 10, 3)).dagStateCommand(withoutDate)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "running                                   | running | {}",
        "'failed, {\"name\": \"bob\", \"n\": 42}'    | failed  | '{\"name\": \"bob\", \"n\": 42}'",
        "'success, {\"a\": \"x, {y}\\nsuccess\"}'     | success | '{\"a\": \"x, {y}\\nsuccess\"}'"})
    void dagState_readsTheStateAndTheConf(String line, String state, String conf) {
        CliOutput output = new CliOutput("[2024-06-01 08:30:00,000] {__init__.py:42} INFO - Loaded API auth backend\n"
                + line + "\n", "RemovedInAirflow3Warning: soon\n");

        DagStateReply reply = AirflowDialect.of(AirflowVersion.of(2, 10, 3)).readDagState(output);

        assertThat(reply).isEqualTo(new DagStateReply.Found(state, Json.parseObject(conf, "conf")));
    }

    @Test
    void dagStateNone_isNoRun_andAMissingDagIsDagNotFound() {
        AirflowDialect dialect = AirflowDialect.of(AirflowVersion.of(2, 10, 3));

        assertThat(dialect.readDagState(new CliOutput("None\n", ""))).isEqualTo(new DagStateReply.NoRun());
        assertThat(dialect.readDagState(new CliOutput("", "DAG: d does not exist in 'dag' table\n")))
                .isInstanceOfSatisfying(DagStateReply.Refused.class, refused ->
                        assertThat(refused.error().kind()).isEqualTo(AirflowError.Kind.DAG_NOT_FOUND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.9.0", "4.0.0", "0.1"})
    void unsupportedVersions_areRefused(String version) {
        assertThatThrownBy(() -> AirflowDialect.of(AirflowVersion.parse(version)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported");
    }
}
