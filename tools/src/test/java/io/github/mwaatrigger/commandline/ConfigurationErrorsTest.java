package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.testing.ExternalProcess;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What retrying cannot fix fails fast, with exit code 2 and a message that names the fix: nothing listening
 * at the endpoint override, a certificate this JVM does not trust or that names another host, a region the
 * signature is not valid for, no credentials. The time bound is a generous outer limit (the default
 * {@code --timeout} is 120 s, which such a failure used to use up in retries), not a measurement.
 */
class ConfigurationErrorsTest {

    private static final Duration FAST = Duration.ofSeconds(15);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : started) {
            server.close();
        }
    }

    @Test
    void nothingListeningAtTheEndpointOverride_exitsWithTwoAskingForTheEmulator() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Environment environment = emulatorLikeEnvironment("https://127.0.0.1:" + closedPort);

        Timed result = timed(() -> run(environment, "trigger", "example_dag"));

        assertThat(result.code()).as(stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(stderr())
                .contains("nothing listens on https://127.0.0.1:" + closedPort + ": is the emulator running?");
        assertThat(stderr().lines()).hasSize(1);
        assertThat(result.took()).isLessThan(FAST);
    }

    @Test
    void certificateThisJvmDoesNotTrust_exitsWithTwoNamingTheTruststore_withoutSendingAnything() {
        MwaaEmulator stranger = MwaaEmulator.start(EmulatorConfig.builder().build()); // a CA of its own
        started.add(stranger);

        Timed result = timed(() -> run(TestEmulator.environment(stranger), "trigger", "example_dag"));

        assertThat(result.code()).as(stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("the TLS certificate of " + stranger.controlPlaneEndpoint()
                + " is not trusted by this JVM (PKIX path building failed), so nothing was sent")
                .contains("MWAA_TRUSTSTORE");
        assertThat(stranger.controlPlaneRequests()).isZero();
        assertThat(stranger.receivedCommands()).isEmpty();
        assertThat(result.took()).isLessThan(FAST);
    }

    @Test
    void certificateForAnotherHostName_exitsWithTwoSayingSo() throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(TestTls.authority()
                .issueServerCertificate(List.of("mwaa.example"), List.of()).sslContext()));
        server.createContext("/", exchange -> exchange.close());
        server.start();
        started.add(() -> server.stop(0));
        String endpoint = "https://127.0.0.1:" + server.getAddress().getPort();

        Timed result = timed(() -> run(emulatorLikeEnvironment(endpoint), "trigger", "example_dag"));

        assertThat(result.code()).as(stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("the TLS certificate of " + endpoint + " is not issued for that host name (No "
                + "subject alternative names matching IP address 127.0.0.1 found)");
        assertThat(result.took()).isLessThan(FAST);
    }

    @Test
    void regionTheEnvironmentIsNotIn_exitsWithTwoKeepingAwsReason_withoutBlamingAFunctionsRole() {
        MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
        started.add(emulator);

        Timed result = timed(() -> run(TestEmulator.environment(emulator), "trigger", "example_dag",
                "--region", "eu-west-1"));

        assertThat(result.code()).as(stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("HTTP 403 InvalidSignatureException: Credential should be scoped to a valid "
                + "region, not 'eu-west-1'. Check that AWS_REGION (eu-west-1) is the environment's region.")
                .doesNotContain("function's role");
        assertThat(emulator.receivedCommands()).isEmpty();
        assertThat(result.took()).isLessThan(FAST);
    }

    /**
     * Run as a process of its own, so that its environment holds no credentials at all: not the system
     * properties this test JVM gives the emulator's, no profile, no instance metadata.
     */
    @Test
    void noCredentials_exitsWithTwoAndOneShortLineSayingWhereTheyComeFrom() {
        MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder());
        started.add(emulator);
        String empty = TestTls.emptyAwsConfig().toString();
        Map<String, String> environment = Map.of(
                Settings.ENVIRONMENT_NAME, emulator.config().environmentName(),
                Settings.REGION, emulator.config().region(),
                Settings.AIRFLOW_VERSION, emulator.config().airflowVersion().toString(),
                Settings.ENDPOINT_URL_MWAA, emulator.controlPlaneEndpoint().toString(),
                "AWS_CONFIG_FILE", empty,
                "AWS_SHARED_CREDENTIALS_FILE", empty,
                "AWS_EC2_METADATA_DISABLED", "true");

        long start = System.nanoTime();
        ExternalProcess.Result result = ExternalProcess.run(toolCommand("trigger", "example_dag"), environment);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).isEqualTo("mwaa-trigger: CreateCliToken was not sent: no AWS credentials were "
                + "found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE for a profile in ~/.aws, or "
                + "run where an instance or container role provides them\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(emulator.controlPlaneRequests()).isZero();
        assertThat(took).isLessThan(FAST);
    }

    /** {@code java -cp <the tools' test class path> Main ARGS}: the tool as {@code bin/mwaa-trigger} runs it. */
    private static List<String> toolCommand(String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The variables a shell pointed at an emulator on {@code endpoint} would have. */
    private static Environment emulatorLikeEnvironment(String endpoint) {
        return new Environment(Map.of(Settings.ENVIRONMENT_NAME, "MyAirflowEnvironment", Settings.REGION, "us-east-1",
                Settings.AIRFLOW_VERSION, "2.10.3", Settings.ENDPOINT_URL_MWAA, endpoint));
    }

    private record Timed(int code, Duration took) {
    }

    private interface Run {
        int exitCode();
    }

    private static Timed timed(Run run) {
        long start = System.nanoTime();
        int code = run.exitCode();
        return new Timed(code, Duration.ofNanos(System.nanoTime() - start));
    }

    private int run(Environment environment, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Main(settings -> TestEmulator.services(settings, Clock.systemUTC()), () -> { },
                config -> MwaaEmulator.start(config, TestTls.authority()), (emulatorToTrust, config) -> () -> { })
                .run(Arrays.asList(args), console);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
