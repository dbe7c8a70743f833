package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.config.ConfigurationException;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.Logging;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.PortInUseException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * The command-line tool in {@code mwaa-trigger.jar}: {@code cli}, {@code trigger}, {@code emulator},
 * {@code demo} and {@code serve}.
 * Settings come from the same environment variables as the Lambda functions; options override them.
 */
public final class Main {

    private final Map<String, Subcommand> subcommands;

    Main(Function<Settings, MwaaServices> services, Runnable awaitStop, Function<EmulatorConfig, MwaaEmulator> emulators,
            EmulatorTrust trust) {
        Map<String, Subcommand> all = new LinkedHashMap<>();
        all.put("cli", new CliSubcommand(services));
        all.put("trigger", new TriggerSubcommand(services));
        all.put("emulator", new EmulatorSubcommand(emulators, awaitStop));
        all.put("demo", new DemoSubcommand(emulators, trust));
        all.put("serve", new ServeSubcommand(emulators, trust, services, awaitStop));
        this.subcommands = all;
    }

    public static void main(String[] args) {
        Logging.configure(Level.WARNING);
        LocalEmulatorTrust.useTruststoreFrom(System.getenv());
        if (args.length > 0 && (args[0].equals("trigger") || args[0].equals("cli"))) {
            WarmUp.start();
        }
        Console console = new Console(System.out, System.err, Environment.system());
        int code = new Main(MwaaServices::create, EmulatorSubcommand::awaitShutdown, MwaaEmulator::start,
                LocalEmulatorTrust::trust).run(Arrays.asList(args), console);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the subcommand {@code args} names and returns the exit code. */
    int run(List<String> args, Console console) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            printUsage(args.isEmpty() ? console.err() : console.out());
            return args.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            console.out().println("mwaa-trigger " + version());
            return ExitCode.OK;
        }
        Subcommand subcommand = subcommands.get(args.get(0));
        if (subcommand == null) {
            console.fail("unknown subcommand '" + args.get(0) + "'");
            printUsage(console.err());
            return ExitCode.USAGE;
        }
        try {
            return subcommand.run(args.subList(1, args.size()), console);
        } catch (HelpRequested e) {
            console.out().println("usage: mwaa-trigger " + subcommand.usage());
            console.out().println(subcommand.summary());
            return ExitCode.OK;
        } catch (UsageException e) {
            console.fail(e.getMessage());
            if (e.showsUsage()) {
                console.err().println("usage: mwaa-trigger " + subcommand.usage());
            }
            return ExitCode.USAGE;
        } catch (ConfigurationException e) {
            console.fail(e.getMessage());
            console.err().println("usage: mwaa-trigger " + subcommand.usage());
            return ExitCode.USAGE;
        } catch (PortInUseException e) {
            console.fail(e.getMessage() + ": stop what listens there, or choose another port");
            return ExitCode.USAGE;
        }
    }

    /** The version the jar was built as, from its manifest. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    private void printUsage(PrintStream stream) {
        stream.println("usage: mwaa-trigger <subcommand> ...   (mwaa-trigger --version, mwaa-trigger <subcommand> --help)");
        subcommands.values().forEach(subcommand -> stream.println("  " + subcommand.usage()));
        stream.println("Settings come from MWAA_ENVIRONMENT_NAME, AIRFLOW_VERSION, AWS_REGION and the standard AWS "
                + "variables; options override them. Exit codes: 0 done, 1 failed, 2 usage or configuration, "
                + "3 retryable (MWAA unavailable, or a failure that may pass).");
    }
}
