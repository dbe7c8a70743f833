package io.github.mwaatrigger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real client (the aws CLI, python3) with a controlled environment and collects what it printed. */
public final class ExternalProcess {

    /** What a finished process printed, and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalProcess() {
    }

    /**
     * Runs {@code command} with exactly {@code environment} plus {@code PATH} and {@code HOME} (pointed at
     * {@code target/}, so that no user configuration is read), for at most 60 s.
     */
    public static Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String pyenv = env.get("PYENV_ROOT");
        env.clear();
        env.put("PATH", path);
        if (pyenv != null) {
            env.put("PYENV_ROOT", pyenv);
        }
        env.put("HOME", TestTls.emptyAwsConfig().getParent().toString());
        env.putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            var stdout = process.getInputStream().readAllBytes();
            var stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
