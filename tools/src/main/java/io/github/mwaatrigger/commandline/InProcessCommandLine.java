package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The command-line tool run inside this process, as {@link Main#main} runs it (the same subcommands, the
 * production object graph through the AWS SDK), with the environment variables given instead of the
 * process's, and its output captured: for tools that drive the tool many times, such as the fault suite.
 * The JVM's trust store and AWS credentials are this process's.
 */
public final class InProcessCommandLine {

    /** What one run of the tool came to. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private InProcessCommandLine() {
    }

    /** Runs {@code mwaa-trigger ARGS...} with {@code environment} as its environment variables. */
    public static Result run(List<String> args, Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(environment));
        int code = new Main(MwaaServices::create, () -> { }, MwaaEmulator::start, (emulator, config) -> () -> { })
                .run(args, console);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
