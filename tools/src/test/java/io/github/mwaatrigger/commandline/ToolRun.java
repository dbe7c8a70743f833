package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.testing.TestEmulator;
import io.github.mwaatrigger.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One run of the command-line tool in this JVM, as a user would type it: real emulators on the test CA,
 * the real client stack, the real trust files (into {@link #trustProperties()} rather than the system
 * properties, which the test JVM already set), and {@code whileRunning} in place of waiting for Ctrl-C.
 */
final class ToolRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Properties trustProperties = new Properties();
    private final List<MwaaEmulator> emulatorsStarted = new CopyOnWriteArrayList<>();
    private final Environment environment;
    private final Runnable whileRunning;

    ToolRun(Environment environment, Runnable whileRunning) {
        this.environment = environment;
        this.whileRunning = whileRunning;
    }

    /** Runs {@code args} and returns the exit code. */
    int run(String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Main(settings -> TestEmulator.services(settings, Clock.systemUTC()), whileRunning, config -> {
            MwaaEmulator started = MwaaEmulator.start(config, TestTls.authority());
            emulatorsStarted.add(started);
            return started;
        }, (emulator, config) -> LocalEmulatorTrust.trust(emulator, config, trustProperties))
                .run(List.of(args), console);
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The emulators the run started itself (none when it used an environment from the variables). */
    List<MwaaEmulator> emulatorsStarted() {
        return emulatorsStarted;
    }

    Properties trustProperties() {
        return trustProperties;
    }
}
