package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.config.Logging;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.tls.CertificateAuthority;
import io.github.mwaatrigger.local.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * The fault suite: every fault of {@link FaultCases} acted out by the MWAA emulator against every entry
 * point (the command line's {@code trigger}, the upload, schedule and API functions), over one transport
 * ({@code --transport cli|rest}), counting for each the DAG runs created, lost and duplicated. Prints a
 * legend (with the cases that do not apply to the transport, and why), one table row per case and entry
 * point as it finishes, and the totals on its last line; exits 0 when nothing was lost or duplicated, 1
 * otherwise, 2 on bad usage.
 */
public final class FaultSuite {

    /** The template's parameters without a default, as the demo sets them; the environment is the emulator's. */
    static final Map<String, String> PARAMETERS = Map.of("EnvironmentName", EmulatorConfig.defaults().environmentName(),
            "DagId", "example_dag", "ApiAllowedDags", "example_dag");

    private FaultSuite() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(SuiteOptions.USAGE);
            System.out.println("Acts out every fault of the matrix against each entry point; exits 0 when no DAG run "
                    + "was lost or duplicated, 1 otherwise. --list lists the cases.");
            return;
        }
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("fault-suite: " + e.getMessage());
            System.err.println(SuiteOptions.USAGE);
            System.exit(2);
            return;
        }
        Logging.configure(options.verbose() ? Level.INFO : Level.OFF);
        CertificateAuthority authority = CertificateAuthority.create("mwaa-trigger fault suite CA");
        trust(authority);
        PrintStream report = System.out;
        // The functions print their trigger lines on stdout, as Lambda has them: the report keeps stdout to itself
        // (with --verbose they go to stderr, beside the log).
        System.setOut(options.verbose() ? System.err : new PrintStream(OutputStream.nullOutputStream()));
        int code = run(options, authority, report, System.err);
        report.flush();
        System.exit(code);
    }

    /**
     * Runs the suite as {@code options} say, against emulators whose certificates come from {@code trusted},
     * a CA this JVM already trusts, and returns the exit code.
     */
    static int run(SuiteOptions options, CertificateAuthority trusted, PrintStream out, PrintStream err) {
        List<FaultCase> cases;
        List<EntryPoint> entries;
        try {
            cases = select(FaultCases.all(options.transport()), FaultCase::name, options.cases(), "case");
            entries = select(entryPoints(options), EntryPoint::name, options.entries(), "entry point");
        } catch (IllegalArgumentException e) {
            err.println("fault-suite: " + e.getMessage());
            err.println(SuiteOptions.USAGE);
            return 2;
        }
        if (options.list()) {
            cases.forEach(fault -> out.println(fault.name() + ": " + fault.what()));
            return 0;
        }
        printLegend(out, cases, entries, options.transport(), options.timeout());
        List<FaultCase> skipped = cases.stream().filter(fault -> fault.skipped().isPresent()).toList();
        cases = cases.stream().filter(fault -> fault.skipped().isEmpty()).toList();
        CaseRun runner = new CaseRun(trusted, options.timeout(), options.transport());
        long started = System.nanoTime();
        int rows = 0;
        int events = 0;
        int created = 0;
        int lost = 0;
        int duplicated = 0;
        for (FaultCase fault : cases) {
            for (EntryPoint entry : entries) {
                CaseResult result = runner.run(fault, entry);
                out.println(result.row());
                out.flush();
                rows++;
                events += result.events();
                created += result.created();
                lost += result.lost();
                duplicated += result.duplicated();
            }
        }
        out.println();
        out.println("TOTAL: " + rows + " cases, " + events + " events: " + created + " created, " + lost + " lost, "
                + duplicated + " duplicated, in " + CaseResult.seconds(Duration.ofNanos(System.nanoTime() - started))
                + (skipped.isEmpty() ? "" : "; skipped on " + options.transport().value() + ": " + String.join(", ",
                        skipped.stream().map(FaultCase::name).toList())));
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    private static List<EntryPoint> entryPoints(SuiteOptions options) {
        if (!Files.isRegularFile(options.template()) || !Files.isDirectory(options.events())) {
            throw new IllegalArgumentException("run the suite from the project folder (it reads " + options.template()
                    + " and " + options.events() + "/), or give --template and --events");
        }
        try {
            Map<String, String> parameters = new HashMap<>(PARAMETERS);
            parameters.put("Transport", options.transport().value());
            SamTemplate template = SamTemplate.load(options.template(), parameters,
                    EmulatorConfig.defaults().region());
            return List.of(new CommandLineEntry(), new UploadFunctionEntry(template, options.events()),
                    new ScheduleFunctionEntry(template, options.events()),
                    new ApiFunctionEntry(template, options.events()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> select(List<T> all, java.util.function.Function<T, String> name, List<String> wanted,
            String what) {
        if (wanted.isEmpty()) {
            return all;
        }
        List<T> selected = new ArrayList<>();
        for (String each : wanted) {
            selected.add(all.stream().filter(candidate -> name.apply(candidate).equals(each)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no " + what + " '" + each + "': choose from "
                            + String.join(", ", all.stream().map(name).toList()))));
        }
        return selected;
    }

    private static void printLegend(PrintStream out, List<FaultCase> cases, List<EntryPoint> entries,
            Transport transport, Duration timeout) {
        out.println("mwaa-trigger fault suite: each fault acted out by a fresh MWAA emulator against each entry point ("
                + String.join(", ", entries.stream().map(EntryPoint::name).toList()) + "), " + timeout.toSeconds()
                + " s per event" + (transport == Transport.CLI ? "." : ", over the " + transport.value()
                + " transport (MWAA_TRANSPORT=" + transport.value() + ", the template's Transport="
                + transport.value() + ")."));
        out.println("cli: `trigger` run in this process as `main` runs it; upload, schedule, api: the functions as "
                + "template.yaml configures them, invoked as the Lambda runtime invokes them, with the events in events/.");
        out.println("created: events with a DAG run at the end. lost: events without a run although their sender was "
                + "told of success, or of a failure nobody retries (exit 1, HTTP 4xx). duplicated: runs beyond one per "
                + "event, told apart by their conf, whatever their run id.");
        out.println("A retryable failure without a run (exit 3, a Lambda error, HTTP 5xx; exit 2 for configuration) is "
                + "not lost: Lambda, the caller or the operator delivers the event again. The suite does that with "
                + "the fault cleared (and the configuration fixed) and shows it after `-> rerun:`.");
        out.println();
        cases.forEach(fault -> out.println("- " + fault.name() + ": " + fault.what() + fault.skipped()
                .map(because -> " (skipped on " + transport.value() + ": " + because + ")").orElse("")));
        out.println();
        out.println(CaseResult.HEADER);
    }

    /**
     * Makes this JVM trust {@code authority} (the standard {@code javax.net.ssl.trustStore} property) and hold
     * the emulator's credentials (the AWS SDK's {@code aws.accessKeyId} and {@code aws.secretAccessKey}), with
     * empty AWS config files so that nothing in ~/.aws changes how the SDK retries. Before the first TLS
     * connection.
     */
    private static void trust(CertificateAuthority authority) {
        try {
            Path directory = Files.createTempDirectory("mwaa-fault-suite-");
            Path truststore = directory.resolve("truststore.p12");
            authority.writeTruststore(truststore);
            Path empty = Files.writeString(directory.resolve("empty-aws-config"), "");
            System.setProperty("javax.net.ssl.trustStore", truststore.toString());
            System.setProperty("aws.configFile", empty.toString());
            System.setProperty("aws.sharedCredentialsFile", empty.toString());
            System.setProperty("aws.accessKeyId", EmulatorConfig.DEFAULT_ACCESS_KEY_ID);
            System.setProperty("aws.secretAccessKey", EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fault suite's truststore", e);
        }
    }
}
