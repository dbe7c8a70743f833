package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.local.DemoRun;
import io.github.mwaatrigger.local.SamTemplate;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code demo}: the whole thing on a laptop. Starts the MWAA emulator, runs every event in {@code events/}
 * through the handler {@code template.yaml} wires to it, configured as the template configures that
 * function, and prints what happened and the emulator's view of the runs. Exits 1 if anything failed.
 */
final class DemoSubcommand implements Subcommand {

    /**
     * Values for the template's parameters that have no default (the deployer must choose them), unless
     * {@code --parameter} gives others; {@code EnvironmentName} is always the emulator's.
     */
    /** The template parameter {@code --transport} sets. */
    static final String TRANSPORT_PARAMETER = "Transport";
    static final Map<String, String> DEMO_PARAMETERS = Map.of("DagId", "example_dag", "ApiAllowedDags", "example_dag");
    private static final Set<String> OPTIONS = Set.of("--template", "--events", "--parameter", "--airflow-version",
            ConnectionOptions.TRANSPORT);

    private final Function<EmulatorConfig, MwaaEmulator> emulators;
    private final EmulatorTrust trust;

    /**
     * @param emulators starts the emulator for a configuration
     * @param trust     makes this process trust it and hold its credentials
     */
    DemoSubcommand(Function<EmulatorConfig, MwaaEmulator> emulators, EmulatorTrust trust) {
        this.emulators = emulators;
        this.trust = trust;
    }

    @Override
    public String summary() {
        return "Sends every event in the events folder through the function template.yaml wires to it, against an embedded MWAA emulator; --transport sets the template's Transport parameter.";
    }

    @Override
    public String usage() {
        return "demo [--template template.yaml] [--events events] [--parameter NAME=VALUE]... "
                + "[--airflow-version VERSION] " + ConnectionOptions.TRANSPORT_USAGE;
    }

    @Override
    @SuppressWarnings("try") // the trust's files only need to outlive the demo
    public int run(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, OPTIONS, Set.of("--parameter"), false);
        Path templateFile = Path.of(arguments.option("--template").orElse("template.yaml"));
        Path events = Path.of(arguments.option("--events").orElse("events"));
        if (!Files.isRegularFile(templateFile) || !Files.isDirectory(events)) {
            throw new UsageException("run the demo from the project folder (it reads " + templateFile + " and "
                    + events + "/), or give --template and --events");
        }
        String templateText;
        try {
            templateText = Files.readString(templateFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> declared;
        try {
            declared = SamTemplate.declaredParameters(templateText);
        } catch (IllegalArgumentException e) {
            throw new UsageException(templateFile + ": " + e.getMessage());
        }
        Map<String, String> parameters = parameters(arguments, templateFile, declared);
        AirflowVersion version = airflowVersion(arguments, parameters);
        EmulatorConfig config = EmulatorConfig.builder().airflowVersion(version).build();
        try (MwaaEmulator emulator = emulators.apply(config);
                EmulatorTrust.Trusted trusted = trust.trust(emulator, config)) {
            if (declared.contains("EnvironmentName")) {
                parameters.put("EnvironmentName", config.environmentName());
            }
            SamTemplate template = SamTemplate.parse(templateText, parameters, config.region());
            console.out().println("mwaa-trigger demo: " + templateFile + " with the events in " + events + "/, against "
                    + "an MWAA emulator (Airflow " + version + ", DAGs " + String.join(", ",
                    config.dags().stream().sorted().toList()) + ")");
            console.out().println("parameters: " + template.parameters());
            console.out().println();
            DemoRun demo = new DemoRun(template, emulator, console.out());
            int failures = demo.runAll(events);
            demo.printRuns();
            console.out().println();
            console.out().println(failures == 0 ? "Every event was handled." : failures + " event(s) FAILED.");
            return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The demo's values for the parameters the template declares, then every {@code --parameter}, which must
     * name a parameter the template declares.
     */
    private static Map<String, String> parameters(Arguments arguments, Path templateFile, List<String> declared)
            throws UsageException {
        Map<String, String> parameters = new LinkedHashMap<>();
        DEMO_PARAMETERS.forEach((name, value) -> {
            if (declared.contains(name)) {
                parameters.put(name, value);
            }
        });
        for (String assignment : arguments.options("--parameter")) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--parameter takes NAME=VALUE, e.g. --parameter S3DagRoutes=incoming/**=s3_ingest");
            }
            String name = assignment.substring(0, equals);
            if (!declared.contains(name)) {
                throw new UsageException("--parameter " + name + ": " + templateFile + " has no parameter " + name
                        + "; its parameters are " + String.join(", ", declared));
            }
            parameters.put(name, assignment.substring(equals + 1));
        }
        Optional<Transport> transport = ConnectionOptions.transport(arguments);
        if (transport.isPresent()) {
            String given = parameters.putIfAbsent(TRANSPORT_PARAMETER, transport.get().value());
            if (given != null && !given.equals(transport.get().value())) {
                throw new UsageException("--transport " + transport.get().value() + " and --parameter "
                        + TRANSPORT_PARAMETER + "=" + given + " disagree: give the transport once");
            }
        }
        return parameters;
    }

    private static AirflowVersion airflowVersion(Arguments arguments, Map<String, String> parameters)
            throws UsageException {
        String version = arguments.option("--airflow-version")
                .or(() -> java.util.Optional.ofNullable(parameters.get("AirflowVersion")).filter(v -> !v.equals("auto")))
                .orElse(EmulatorConfig.defaults().airflowVersion().toString());
        return Arguments.airflowVersion(version);
    }
}
