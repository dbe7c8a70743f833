package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.api.DagRunsApi;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.PortInUseException;
import io.github.mwaatrigger.handler.ApiHandler;
import io.github.mwaatrigger.local.LocalApiGateway;
import io.github.mwaatrigger.uploads.GlobPattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code serve [--port 3000] [--transport cli|rest]}: the API function on localhost, each HTTP request turned into the API Gateway
 * event the deployed function receives. Against an embedded emulator, or against the environment the
 * exported variables name when {@code MWAA_ENVIRONMENT_NAME} is set (as after loading the {@code emulator}
 * subcommand's export lines). Its first line says which of the two, and which DAGs the API allows.
 */
final class ServeSubcommand implements Subcommand {

    static final List<String> EMULATOR_DAGS = List.of("my_dag", "example_dag", "s3_ingest", "nightly_report");
    private static final Set<String> OPTIONS = Set.of("--port", "--allowed-dags", "--dags", "--airflow-version",
            ConnectionOptions.TRANSPORT);
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(28);
    /** The variables that choose the environment serve talks to, named in its start-up line when set. */
    private static final List<String> ENVIRONMENT_VARIABLES = List.of(Settings.ENVIRONMENT_NAME, Settings.REGION,
            Settings.DEFAULT_REGION, Settings.ENDPOINT_URL_MWAA, Settings.ENDPOINT_URL, Settings.AIRFLOW_VERSION,
            ApiFunctionSettings.ALLOWED_DAGS);

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
        return "Serves the HTTP API function on localhost behind a local stand-in for API Gateway (against an embedded "
                + "emulator, or the environment MWAA_ENVIRONMENT_NAME and the other exported variables name).";
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
        if (console.environment().get(Settings.ENVIRONMENT_NAME).isPresent()) {
            return serveExportedEnvironment(arguments, port, console);
        }
        return serveEmbeddedEmulator(arguments, port, console);
    }

    private int serveExportedEnvironment(Arguments arguments, int port, Console console) throws UsageException {
        Environment exported = console.environment();
        String name = exported.get(Settings.ENVIRONMENT_NAME).orElseThrow();
        if (arguments.option("--dags").isPresent() || arguments.option("--airflow-version").isPresent()) {
            throw new UsageException("--dags and --airflow-version configure the embedded emulator, which serve does "
                    + "not start while MWAA_ENVIRONMENT_NAME is set (to '" + name + "'): drop them, or unset "
                    + "MWAA_ENVIRONMENT_NAME to serve against an embedded emulator");
        }
        Environment environment = withTransport(arguments, arguments.option("--allowed-dags")
                .map(globs -> exported.with(ApiFunctionSettings.ALLOWED_DAGS, globs)).orElse(exported));
        if (environment.get(ApiFunctionSettings.ALLOWED_DAGS).isEmpty()) {
            throw new UsageException("MWAA_ENVIRONMENT_NAME is set (to '" + name + "'), so serve talks to that "
                    + "environment, and needs the DAGs its API may reach: pass --allowed-dags GLOB,... or export "
                    + "API_ALLOWED_DAGS; or unset MWAA_ENVIRONMENT_NAME to serve against an embedded emulator");
        }
        ApiFunctionSettings settings = ApiFunctionSettings.from(environment, System.getProperties());
        List<String> fromVariables = ENVIRONMENT_VARIABLES.stream()
                .filter(variable -> exported.get(variable).isPresent()).toList();
        String target = "MWAA environment " + name + " in " + settings.mwaa().region()
                + settings.mwaa().endpointOverride().map(endpoint -> " at " + endpoint).orElse("")
                + ", Airflow " + settings.mwaa().airflowVersion().map(Object::toString)
                        .orElse("auto (asked from GetEnvironment)")
                + ", from the exported variables " + String.join(", ", fromVariables)
                + " (unset MWAA_ENVIRONMENT_NAME to use an embedded emulator instead)";
        String globs = environment.get(ApiFunctionSettings.ALLOWED_DAGS).orElseThrow();
        String allowed = globs + (arguments.option("--allowed-dags").isPresent() ? " (--allowed-dags)"
                : " (API_ALLOWED_DAGS)");
        return serve(port, settings, target, allowed, exampleDag(globs, List.of()), console);
    }

    @SuppressWarnings("try") // the trust's files only need to outlive the emulator
    private int serveEmbeddedEmulator(Arguments arguments, int port, Console console) throws UsageException {
        EmulatorConfig config = emulatorConfig(arguments);
        try (MwaaEmulator emulator = emulators.apply(config);
                EmulatorTrust.Trusted trusted = trust.trust(emulator, config)) {
            String globs = arguments.option("--allowed-dags").orElse("*");
            Environment environment = withTransport(arguments, new Environment(Map.of(
                    Settings.ENVIRONMENT_NAME, config.environmentName(),
                    Settings.AIRFLOW_VERSION, config.airflowVersion().toString(),
                    Settings.REGION, config.region(),
                    Settings.ENDPOINT_URL_MWAA, emulator.controlPlaneEndpoint().toString(),
                    ApiFunctionSettings.ALLOWED_DAGS, globs)));
            List<String> dags = config.dags().stream().sorted().toList();
            String target = "an embedded MWAA emulator at " + emulator.controlPlaneEndpoint() + ", Airflow "
                    + config.airflowVersion() + ", DAGs " + String.join(", ", dags);
            String allowed = arguments.option("--allowed-dags").map(given -> given + " (--allowed-dags)")
                    .orElse("* (every DAG)");
            return serve(port, ApiFunctionSettings.from(environment, System.getProperties()), target, allowed,
                    exampleDag(globs, dags), console);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int serve(int port, ApiFunctionSettings settings, String target, String allowed, String exampleDag,
            Console console) throws UsageException {
        ApiHandler function = new ApiHandler(settings, services, Clock.systemUTC());
        try (LocalApiGateway gateway = LocalApiGateway.start(port, function, DagRunsApi.RESOURCES, "ApiFunction",
                FUNCTION_TIMEOUT)) {
            console.out().println("Serving the DAG-run API on http://127.0.0.1:" + gateway.port() + "/api/v1 against "
                    + target + (settings.mwaa().transport() == Transport.REST ? " through InvokeRestApi" : "")
                    + "; allowed DAGs: " + allowed + ". Stop with Ctrl-C.");
            console.out().println("  curl -X POST localhost:" + gateway.port() + "/api/v1/dags/" + exampleDag
                    + "/dagRuns -d '{\"conf\": {\"x\": 1}}'");
            console.out().flush();
            awaitStop.run();
            return ExitCode.OK;
        } catch (PortInUseException e) {
            throw UsageException.portInUse(e, "--port");
        }
    }

    /**
     * A DAG for the example request: {@code example_dag} or else the first of {@code dags} the globs allow,
     * or else the first glob that names one DAG.
     */
    private static String exampleDag(String globs, List<String> dags) {
        List<GlobPattern> patterns = Arrays.stream(globs.split(",")).map(String::strip)
                .filter(glob -> !glob.isEmpty()).map(GlobPattern::compile).toList();
        return Stream.concat(Stream.of("example_dag"), dags.stream())
                .filter(dag -> dags.contains(dag) && patterns.stream().anyMatch(pattern -> pattern.matches(dag)))
                .findFirst()
                .or(() -> Arrays.stream(globs.split(",")).map(String::strip)
                        .filter(glob -> !glob.isEmpty() && !glob.contains("*") && !glob.contains("?")).findFirst())
                .orElse("DAG_ID");
    }

    /** {@code environment} with the transport {@code --transport} chooses, if it chooses one. */
    private static Environment withTransport(Arguments arguments, Environment environment) throws UsageException {
        Optional<Transport> transport = ConnectionOptions.transport(arguments);
        return transport.isPresent() ? environment.with(Settings.TRANSPORT, transport.get().value()) : environment;
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
