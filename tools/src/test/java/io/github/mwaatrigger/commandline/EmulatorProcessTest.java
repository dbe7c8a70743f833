package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code emulator} subcommand as its own process (the jar's main class, on this build's class path), stopped
 * the way a user stops it: Ctrl-C (SIGINT) in its terminal, or {@code kill} (SIGTERM) when it runs in the
 * background as in the README's recipe.
 */
class EmulatorProcessTest {

    @TempDir
    Path temporaryFiles;
    private Process process;

    @AfterEach
    void stopTheProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void stoppedBySignal_removesItsTemporaryFolder(String signal, int exitCode) throws Exception {
        process = start("emulator");
        List<String> stdout = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> readUntilReady(lines, stdout)).get(60, TimeUnit.SECONDS);
        assertThat(ready).as(String.join("\n", stdout)).isEqualTo("READY");
        Path folder = exportedPath(stdout, "MWAA_CA_PEM").getParent();
        assertThat(folder.getParent()).isEqualTo(temporaryFiles);
        assertThat(folder.resolve("truststore.p12")).isRegularFile();

        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(process.exitValue()).isEqualTo(exitCode);
        assertThat(folder).doesNotExist();
        try (Stream<Path> left = Files.list(temporaryFiles)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void onATakenPort_printsOneLineAndExitsWithTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            process = start("emulator", "--web-server-port", Integer.toString(taken.getLocalPort()));
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process));
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).isEqualTo(ExitCode.USAGE);
            assertThat(stderr.get(10, TimeUnit.SECONDS)).isEqualTo("mwaa-trigger: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use: stop what listens there, or choose another port with "
                    + "--web-server-port (0 picks a free one)\n");
        }
        try (Stream<Path> left = Files.list(temporaryFiles)) {
            assertThat(left).isEmpty();
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + temporaryFiles, "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MWAA_") || name.startsWith("AWS_"));
        return builder.start();
    }

    private static String readUntilReady(BufferedReader lines, List<String> stdout) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                stdout.add(line);
                if (line.equals("READY")) {
                    return line;
                }
            }
            return "(end of output)";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static Path exportedPath(List<String> stdout, String name) {
        String prefix = "export " + name + "=";
        return stdout.stream().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Path.of(io.github.mwaatrigger.emulator.ShellWords.split(line.substring(prefix.length())).get(0)))
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in " + stdout));
    }
}
