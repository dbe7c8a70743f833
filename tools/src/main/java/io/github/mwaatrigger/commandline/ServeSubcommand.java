package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.api.DagRunsApi;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.handler.ApiHandler;
import io.github.mwaatrigger.local.LocalApiGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code serve [--port 3000] [--transport cli|rest]}: the API function on localhost, each HTTP request turned into the API Gateway
 * event the deployed function receives. Against the embedded emulator, or against a real environment when
 * {@code MWAA_ENVIRONMENT_NAME} is set.
 */
final class ServeSubcommand implements Subcommand {

    static final List<String> EMULATOR_DAGS = List.of("my_dag", "example_dag", "s3_ingest", "nightly_report");
    private static final Set<String> OPTIONS = Set.of("--port", "--allowed-dags", "--dags", "--airflow-version",
            ConnectionOptions.TRANSPORT);
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(28);

    private final Function<EmulatorConfig, MwaaEmulator> emulators;
    private final EmulatorTrust trust;
    private final Function<Settings, MwaaServices> services;
    private final Runnable awaitStop;

    ServeSubcommand(Function<EmulatorConfig, MwaaEmulator> emulators, EmulatorTrust trust,
            Function<Settings, MwaaServices> services, Runnable awaitStop) {
        this.emulators = emulators;
        this.trust = trust;
        this.services = services;
        this.awaitStop = awaitStop;
    }

    @Override
    public String summary() {
        return "Serves the HTTP API function on localhost behind a local stand-in for API Gateway (the embedded emulator unless MWAA_ENVIRONMENT_NAME is set).";
    }

    @Override
    public String usage() {
        return "serve [--port 3000] [--allowed-dags GLOB,...] " + ConnectionOptions.TRANSPORT_USAGE
                + " [--dags DAG,... --airflow-version VERSION (emulator)]";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, OPTIONS, false);
        int port = arguments.intOption("--port", 0, 65535).orElse(3000);
        Environment environment = console.environment();
        boolean realEnvironment = environment.get(Settings.ENVIRONMENT_NAME).isPresent();
        Optional<MwaaEmulator> emulator = Optional.empty();
        try {
            if (!realEnvironment) {
                EmulatorConfig config = emulatorConfig(arguments);
                emulator = Optional.of(emulators.apply(config));
                trust.trust(emulator.get(), config);
                environment = new Environment(java.util.Map.of(
                        Settings.ENVIRONMENT_NAME, config.environmentName(),
                        Settings.AIRFLOW_VERSION, config.airflowVersion().toString(),
                        Settings.REGION, config.region(),
                        Settings.ENDPOINT_URL_MWAA, emulator.get().controlPlaneEndpoint().toString(),
                        ApiFunctionSettings.ALLOWED_DAGS, "*"));
            }
            Optional<Transport> transport = ConnectionOptions.transport(arguments);
            if (transport.isPresent()) {
                environment = environment.with(Settings.TRANSPORT, transport.get().value());
            }
            if (arguments.option("--allowed-dags").isPresent()) {
                environment = environment.with(ApiFunctionSettings.ALLOWED_DAGS,
                        arguments.option("--allowed-dags").get());
            }
            ApiHandler function = new ApiHandler(ApiFunctionSettings.from(environment, System.getProperties()),
                    services, Clock.systemUTC());
            try (LocalApiGateway gateway = LocalApiGateway.start(port, function, DagRunsApi.RESOURCES, "ApiFunction",
                    FUNCTION_TIMEOUT)) {
                console.out().println("Serving the DAG-run API on http://127.0.0.1:" + gateway.port() + "/api/v1 against "
                        + emulator.map(e -> "an MWAA emulator (Airflow " + e.config().airflowVersion() + ", DAGs "
                                + String.join(", ", e.config().dags().stream().sorted().toList()) + ")")
                                .orElse("MWAA environment " + environment.get(Settings.ENVIRONMENT_NAME).orElse(""))
                        + (transport.orElse(Transport.CLI) == Transport.REST ? " through InvokeRestApi" : "")
                        + "; allowed DAGs: " + environment.get(ApiFunctionSettings.ALLOWED_DAGS).orElse("")
                        + ". Stop with Ctrl-C.");
                console.out().println("  curl -X POST localhost:" + gateway.port()
                        + "/api/v1/dags/my_dag/dagRuns -d '{\"conf\": {\"x\": 1}}'");
                console.out().flush();
                awaitStop.run();
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            emulator.ifPresent(MwaaEmulator::close);
        }
    }

    private static EmulatorConfig emulatorConfig(Arguments arguments) throws UsageException {
        EmulatorConfig.Builder builder = EmulatorConfig.builder()
                .dags(arguments.listOption("--dags").orElse(EMULATOR_DAGS));
        if (arguments.option("--airflow-version").isPresent()) {
            builder.airflowVersion(Arguments.airflowVersion(arguments.option("--airflow-version").get()));
        }
        return builder.build();
    }
}
