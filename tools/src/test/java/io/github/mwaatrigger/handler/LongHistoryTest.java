package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A list GET on the CLI transport for DAGs with long histories, with the function in a JVM of its own whose
 * heap is that of a 512 MB function ({@code -Xmx512m}), against the emulator over loopback HTTPS: the
 * answer costs what the page costs, not the history; a history too long for one CLI answer (100,000 runs,
 * about 29 MB from MWAA) is a 400 that says how to narrow the list, and the narrowed list answers. Each
 * answer's time and peak heap are printed; {@code -DargLine=-DlongHistory.heap=-Xmx128m} tries a smaller heap.
 */
class LongHistoryTest {

    private static final int MAX_RESPONSE_MILLIS = 22_000;

    @Test
    void listsOf50000And100000Runs_answerWithinAFunctionsHeapAndTime_orSayHowToNarrow() throws Exception {
        Instant newest = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder().dags(List.of("etl_daily")))) {
            emulator.seedRuns("etl_daily", 100_000, newest, Duration.ofMinutes(1));
            emulator.seedRuns("etl_hourly", 50_000, newest, Duration.ofMinutes(1));
            String dayBefore = newest.minus(Duration.ofDays(1)).toString();

            List<JsonObject> answers = probe(emulator, "etl_daily", "etl_daily?execution_date_gte=" + dayBefore,
                    "etl_hourly", "etl_hourly?order_by=dag_run_id&offset=49950");

            answers.forEach(answer -> System.out.println("LongHistoryTest: " + answer));
            JsonObject tooMany = answers.get(0);
            JsonObject narrowed = answers.get(1);
            JsonObject fiftyThousand = answers.get(2);
            JsonObject sortedDeep = answers.get(3);
            assertThat(tooMany.get("status")).contains(JsonNumber.of(400));
            assertThat(tooMany.string("detail")).contains("DAG 'etl_daily' has more runs than the Airflow CLI can list "
                    + "in one answer: narrow the list with execution_date_gte and execution_date_lte (or a single "
                    + "state), or set MWAA_TRANSPORT=rest (the template's Transport=rest): the REST transport pages in "
                    + "Airflow");
            assertThat(narrowed.get("status")).contains(JsonNumber.of(200));
            assertThat(narrowed.get("total_entries")).as("a day of runs a minute apart, both ends included")
                    .contains(JsonNumber.of(1441));
            assertThat(narrowed.get("runs")).contains(JsonNumber.of(100));
            assertThat(((JsonObject) narrowed.get("first").orElseThrow()).string("dag_run_id"))
                    .contains("scheduled__" + newest.toString().replace("Z", "+00:00"));
            assertThat(fiftyThousand.get("status")).contains(JsonNumber.of(200));
            assertThat(fiftyThousand.get("total_entries")).contains(JsonNumber.of(50_000));
            assertThat(fiftyThousand.get("runs")).contains(JsonNumber.of(100));
            assertThat(sortedDeep.get("status")).contains(JsonNumber.of(200));
            assertThat(sortedDeep.get("runs")).contains(JsonNumber.of(50));
            for (JsonObject answer : answers) {
                assertThat(Long.parseLong(((JsonNumber) answer.get("millis").orElseThrow()).text()))
                        .as("answered before API Gateway's limit").isLessThan(MAX_RESPONSE_MILLIS);
            }
        }
    }

    /** Runs {@link LongHistoryProbe} with {@code -Xmx512m} against {@code emulator}, one request per argument. */
    private static List<JsonObject> probe(MwaaEmulator emulator, String... requests) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("longHistory.heap", "-Xmx512m"),
                "-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                "-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"),
                "-Daws.configFile=" + TestTls.emptyAwsConfig(), "-Daws.sharedCredentialsFile=" + TestTls.emptyAwsConfig(),
                "-Daws.accessKeyId=" + EmulatorConfig.DEFAULT_ACCESS_KEY_ID,
                "-Daws.secretAccessKey=" + EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY,
                "-cp", System.getProperty("java.class.path"), LongHistoryProbe.class.getName()));
        command.addAll(List.of(requests));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(TestEmulator.environment(emulator).with("API_ALLOWED_DAGS", "etl_*").variables());
        Path log = Files.createTempFile(Path.of("target"), "long-history-probe", ".log");
        builder.redirectError(log.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        return stdout.lines().filter(line -> line.startsWith("{")).map(line -> Json.parseObject(line, "probe line"))
                .toList();
    }
}
