package io.github.mwaatrigger.lambdaruntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A runtime started in a process of its own, as one Lambda execution environment: when it was started (on
 * {@link System#nanoTime()}, just before the fork), and what the kernel says about it while it runs.
 */
public final class RuntimeProcess implements AutoCloseable {

    private final Process process;
    private final long startedNanos;

    private RuntimeProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code builder}'s command. */
    public static RuntimeProcess start(ProcessBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        long started = System.nanoTime();
        try {
            return new RuntimeProcess(builder.start(), started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command().get(0) + ": " + e.getMessage(), e);
        }
    }

    public long startedNanos() {
        return startedNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The process's peak resident set size so far, in KiB ({@code VmHWM} in {@code /proc/PID/status}); empty if
     * the process has ended or the kernel does not say.
     */
    public OptionalLong peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The CPU time (user + system) the process has used so far, if the platform says. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Ends the process (it would wait for its next event forever) and waits for it to go. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
