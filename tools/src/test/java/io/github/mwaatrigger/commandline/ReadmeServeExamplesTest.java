package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.mwaa.ShellQuoting;
import io.github.mwaatrigger.testing.ExternalProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code serve} examples and the request-signing snippet of the README and docs/http-api.md, run as typed
 * in bash, so that they cannot rot. Only the port changes (3000 to a free one, since tests run in parallel
 * with others on one machine), and {@code bin/mwaa-trigger} is this build's main class (the launcher would
 * rebuild the jar).
 */
class ReadmeServeExamplesTest {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/http-api.md"})
    void serveExamplesAndSigningSnippet_runAsTyped(String document) throws IOException {
        String text = Files.readString(Path.of(document));
        String serveBlock = onlyBlockContaining(text, "bin/mwaa-trigger serve --port 3000 &");
        String signingBlock = onlyBlockContaining(text, "SigV4Auth");
        String port = Integer.toString(freePort());
        Path temporaryFiles = Files.createDirectories(folder.resolve("tmp"));
        launcher(temporaryFiles);
        String script = "cd " + ShellQuoting.quote(folder.toString()) + "\n"
                + (serveBlock + signingBlock).replace("localhost:3000", "localhost:" + port)
                        .replace("--port 3000", "--port " + port)
                + "kill $serve_pid; wait $serve_pid; echo \"serve stopped: $?\"\n";

        ExternalProcess.Result result = ExternalProcess.run(List.of("bash", "-c", script), Map.of(
                "AWS_ACCESS_KEY_ID", EmulatorConfig.DEFAULT_ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String stdout = result.stdout();
        assertThat(stdout).as(result.stderr())
                .contains("Serving the DAG-run API on http://127.0.0.1:" + port + "/api/v1 against an embedded MWAA "
                        + "emulator at https://127.0.0.1:")
                .doesNotContain("\"title\":", "\"status\":");
        // serve prints the function's trigger lines (one JSON object per trigger) among the answers curl prints
        String answers = stdout.replaceAll("\\{\"_aws\":[^\n]*\n?", "");
        // the POST's answer, the GET's (and the list's, in docs/http-api.md)
        assertThat(occurrences(answers, "\"dag_run_id\":\"order_1234\"")).as(stdout).isBetween(2, 3);
        // curl's answers end without a line break, so the snippet's "200 {...}" follows the last one on its line
        Matcher signed = Pattern.compile("200 (\\{.*)").matcher(stdout);
        assertThat(signed.find()).as(stdout).isTrue();
        assertThat(signed.group(1)).contains("\"dag_id\":\"example_dag\"").contains("\"conf\":{\"date\":\"2024-06-01\"}");
        assertThat(stdout).contains("serve stopped: 143");
        try (Stream<Path> left = Files.list(temporaryFiles)) {
            assertThat(left).as("serve's temporary files after it stopped").isEmpty();
        }
    }

    /** {@code bin/mwaa-trigger} in the test folder: this build's main class, its temporary files in {@code tmp}. */
    private void launcher(Path temporaryFiles) throws IOException {
        Path launcher = folder.resolve("bin/mwaa-trigger");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec " + ShellQuoting.quote(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()) + " -XX:TieredStopAtLevel=1 "
                + ShellQuoting.quote("-Djava.io.tmpdir=" + temporaryFiles) + " -cp "
                + ShellQuoting.quote(System.getProperty("java.class.path")) + " " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String onlyBlockContaining(String text, String marker) {
        List<String> blocks = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(text);
        while (block.find()) {
            if (block.group(1).contains(marker)) {
                blocks.add(block.group(1));
            }
        }
        assertThat(blocks).as("bash blocks containing " + marker).hasSize(1);
        return blocks.get(0);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
