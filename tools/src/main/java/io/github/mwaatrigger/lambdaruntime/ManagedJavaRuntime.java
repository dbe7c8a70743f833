package io.github.mwaatrigger.lambdaruntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a function the way Lambda's managed Java runtimes ({@code java17}, {@code java21}) do: the runtime
 * interface client ({@code AWSLambda}) on the system class path, the function's code in the task root (its
 * classes at the top, its jars in {@code lib/}, as {@code sam build} lays out a Maven function), which is the
 * working directory, and the JVM options the managed runtime passes (see {@link #jvmOptions}).
 *
 * @param java               the {@code java} executable
 * @param runtimeClientJars  a folder (made absolute: the runtime runs in the task root) holding the runtime interface client and the libraries it needs
 * @param memoryMegabytes    the function's {@code MemorySize}, from which the runtime sizes the heap
 */
public record ManagedJavaRuntime(Path java, Path runtimeClientJars, int memoryMegabytes) {

    /** The runtime interface client's entry point. */
    public static final String ENTRY_POINT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /**
     * The package org.crac delegates to in Lambda, where the runtime client calls the registered resources'
     * {@code beforeCheckpoint} (SnapStart priming) when {@code AWS_LAMBDA_INITIALIZATION_TYPE} is
     * {@code snap-start}.
     */
    public static final String CRAC_COMPAT = "com.amazonaws.services.lambda.crac";

    public ManagedJavaRuntime {
        Objects.requireNonNull(java, "java");
        runtimeClientJars = runtimeClientJars.toAbsolutePath();
        if (memoryMegabytes < 128) {
            throw new IllegalArgumentException("memoryMegabytes must be at least 128: " + memoryMegabytes);
        }
    }

    /**
     * The options the managed runtime starts its JVM with, as its bootstrap shows in a running function
     * ({@code ps}): the heap at 85% of the function's memory, the serial collector, class data sharing, C1
     * only, {@code java.io} opened for the runtime client, and org.crac pointed at the runtime client's CRaC
     * hooks. One more, {@code -XX:MaxRAM}, stands for the execution environment: in Lambda the JVM's machine is
     * a micro VM with the function's memory, from which it sizes what the options leave open (the initial heap
     * and the young generation); on a larger machine it would size them for that. Lambda's own class-data archive of the runtime ({@code /var/lang/lib/server/runtime.jsa}) and its
     * Log4j hot-patch agent are not available outside Lambda: this JVM uses its JDK's default archive.
     */
    public List<String> jvmOptions() {
        return List.of("-XX:MaxRAM=" + memoryMegabytes + "m",
                "-XX:MaxHeapSize=" + Math.round(memoryMegabytes * 1024 * 0.85) + "k", "-XX:+UseSerialGC",
                "-Xshare:auto", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "-Dorg.crac.Core.Compat=" + CRAC_COMPAT,
                "-XX:+ErrorFileToStderr");
    }

    /**
     * The command that runs {@code handler} ({@code package.Class::method}), with {@code extraOptions} after
     * the runtime's own (such as a trust store for a local endpoint's test CA).
     */
    public List<String> command(String handler, List<String> extraOptions) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions());
        command.addAll(extraOptions);
        command.add("-classpath");
        command.add(classPath());
        command.add(ENTRY_POINT);
        command.add(handler);
        return command;
    }

    private String classPath() {
        try (Stream<Path> jars = Files.list(runtimeClientJars)) {
            List<Path> found = jars.filter(jar -> jar.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (found.stream().noneMatch(jar -> jar.getFileName().toString()
                    .startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException(runtimeClientJars + " holds no aws-lambda-java-runtime-interface-client "
                        + "jar: build the tools (mvn -f tools/pom.xml package) to copy it to target/lambda-runtime");
            }
            return found.stream().map(Path::toString).collect(Collectors.joining(":"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runtimeClientJars, e);
        }
    }
}
