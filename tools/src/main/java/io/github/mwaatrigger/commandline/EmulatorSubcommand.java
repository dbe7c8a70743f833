package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.mwaa.ShellQuoting;
import io.github.mwaatrigger.emulator.AirflowRole;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.PortInUseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code emulator}: runs the MWAA emulator in the foreground until stopped. It first prints
 * {@code export KEY=VALUE} lines that point any client at it, then {@code READY}. Copy them, or (as the
 * README's quick start does) send stdout to a file in the background, wait until the file has a
 * {@code READY} line, and {@code eval} its {@code export} lines. A command substitution around the
 * running emulator (such as {@code eval "$(... emulator | sed /^READY$/q)"}) never returns: the shell waits
 * for every command of the pipeline, and the emulator runs until stopped.
 *
 * <p>Its CA files go to a temporary folder, deleted when it stops (also on Ctrl-C or SIGTERM), or to
 * {@code --state-dir}, which is kept. {@code API_ALLOWED_DAGS} among the exports names its DAGs, so that
 * {@code serve} run with them talks to it and reaches them.
 */
final class EmulatorSubcommand implements Subcommand {

    private static final Set<String> OPTIONS = Set.of("--control-plane-port", "--web-server-port",
            "--airflow-version", "--dags", "--environment", "--region", "--max-concurrent-cli-calls",
            "--cli-latency-ms", "--token-lifetime-seconds", "--state-dir", "--airflow-role", "--rest-rate-limit");

    private final Function<EmulatorConfig, MwaaEmulator> emulators;
    private final Runnable awaitStop;

    /**
     * @param emulators starts the emulator for a configuration
     * @param awaitStop blocks until the emulator should stop
     */
    EmulatorSubcommand(Function<EmulatorConfig, MwaaEmulator> emulators, Runnable awaitStop) {
        this.emulators = emulators;
        this.awaitStop = awaitStop;
    }

    @Override
    public String summary() {
        return "Runs an MWAA emulator on 127.0.0.1 until stopped; prints export lines that point clients at it, then READY.";
    }

    @Override
    public String usage() {
        return "emulator [--control-plane-port PORT] [--web-server-port PORT] [--airflow-version VERSION] "
                + "[--dags DAG,DAG...] [--environment NAME] [--region REGION] [--max-concurrent-cli-calls N] "
                + "[--cli-latency-ms MS] [--token-lifetime-seconds S] [--state-dir DIR] "
                + "[--airflow-role Admin|Op|User|Viewer|Public] [--rest-rate-limit N]";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, OPTIONS, false);
        if (!arguments.positionals().isEmpty()) {
            throw new UsageException("emulator takes no arguments besides its options");
        }
        EmulatorConfig config = config(arguments);
        Optional<Path> stateDir = stateDir(arguments);
        try (MwaaEmulator emulator = start(config);
                TemporaryFolder temporary = stateDir.isPresent() ? null : TemporaryFolder.create("mwaa-emulator-")) {
            Map<String, String> exports = LocalEmulatorTrust.writeTrustFiles(emulator,
                    stateDir.isPresent() ? stateDir.get() : temporary.path());
            Map<String, String> all = new LinkedHashMap<>();
            all.put("AWS_ENDPOINT_URL_MWAA", emulator.controlPlaneEndpoint().toString());
            all.put("AWS_ACCESS_KEY_ID", config.accessKeyId());
            all.put("AWS_SECRET_ACCESS_KEY", config.secretAccessKey());
            all.put("AWS_REGION", config.region());
            all.put("AWS_DEFAULT_REGION", config.region());
            all.put("MWAA_ENVIRONMENT_NAME", config.environmentName());
            all.put("AIRFLOW_VERSION", config.airflowVersion().toString());
            all.put(ApiFunctionSettings.ALLOWED_DAGS, String.join(",", config.dags().stream().sorted().toList()));
            all.putAll(exports);
            all.put("AWS_CA_BUNDLE", exports.get("MWAA_CA_PEM"));
            all.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
            all.forEach((name, value) -> console.out().println("export " + name + "=" + ShellQuoting.quote(value)));
            console.out().println("READY");
            console.out().flush();
            console.err().println("MWAA emulator: API " + emulator.controlPlaneEndpoint() + ", web server https://"
                    + emulator.webServerHostname() + ", Airflow " + config.airflowVersion() + ", DAGs "
                    + String.join(",", config.dags().stream().sorted().toList()) + ", InvokeRestApi as Airflow role "
                    + config.airflowRole() + " at most " + config.restRateLimit() + " requests/s. Stop with Ctrl-C.");
            awaitStop.run();
        }
        return ExitCode.OK;
    }

    private static EmulatorConfig config(Arguments arguments) throws UsageException {
        EmulatorConfig.Builder builder = EmulatorConfig.builder();
        builder.ports(arguments.intOption("--control-plane-port", 0, 65535).orElse(0),
                arguments.intOption("--web-server-port", 0, 65535).orElse(0));
        arguments.option("--environment").ifPresent(builder::environmentName);
        arguments.option("--region").ifPresent(builder::region);
        if (arguments.option("--airflow-version").isPresent()) {
            builder.airflowVersion(Arguments.airflowVersion(arguments.option("--airflow-version").get()));
        }
        arguments.listOption("--dags").ifPresent(builder::dags);
        int concurrency = arguments.intOption("--max-concurrent-cli-calls", 1, 1000).orElse(4);
        int latency = arguments.intOption("--cli-latency-ms", 0, 600_000).orElse(0);
        builder.cliCapacity(concurrency, Duration.ofMillis(latency));
        arguments.intOption("--token-lifetime-seconds", 1, 86_400)
                .ifPresent(seconds -> builder.tokenLifetime(Duration.ofSeconds(seconds)));
        if (arguments.option("--airflow-role").isPresent()) {
            try {
                builder.airflowRole(AirflowRole.named(arguments.option("--airflow-role").get()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--airflow-role: " + e.getMessage());
            }
        }
        arguments.intOption("--rest-rate-limit", 1, 100_000).ifPresent(builder::restRateLimit);
        return builder.build();
    }

    private MwaaEmulator start(EmulatorConfig config) throws UsageException {
        try {
            return emulators.apply(config);
        } catch (PortInUseException e) {
            throw UsageException.portInUse(e, e.port() == config.controlPlanePort() ? "--control-plane-port"
                    : "--web-server-port");
        }
    }

    /** The folder {@code --state-dir} names (created if missing), kept when the emulator stops. */
    private static Optional<Path> stateDir(Arguments arguments) throws UsageException {
        Optional<String> option = arguments.option("--state-dir");
        if (option.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.createDirectories(Path.of(option.get())));
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("--state-dir " + option.get() + ": cannot create that folder (" + e.getMessage()
                    + "); name a folder you can write to, or leave the option out for a temporary one");
        }
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM). */
    static void awaitShutdown() {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
