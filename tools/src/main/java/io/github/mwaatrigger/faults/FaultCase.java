package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One fault the suite acts out against each entry point.
 *
 * @param name       a short name, for {@code --case}
 * @param what       what happens, for the legend
 * @param airflow    the Airflow version the emulator speaks
 * @param events     how many events are sent at once, each through a deployment of its own (a process of
 *                   the command-line tool, a Lambda container)
 * @param cliLatency how long each CLI command takes on the emulator
 * @param reach      where the entry point's MWAA API endpoint points while the fault lasts
 * @param inject     queues the fault on the emulator, given the per-call timeout
 * @param skipped    why the case does not apply to the transport the suite runs on; empty when it does
 */
record FaultCase(String name, String what, AirflowVersion airflow, int events, Duration cliLatency, Reach reach,
        BiConsumer<MwaaEmulator, Duration> inject, Optional<String> skipped) {

    /** Where the MWAA API endpoint points while the fault lasts; after it, always at the emulator. */
    enum Reach {
        /** The emulator, which acts out the fault. */
        EMULATOR,
        /** A loopback port nothing listens on. */
        REFUSED,
        /** A second emulator whose certificate comes from a CA the JVM does not trust. */
        UNTRUSTED
    }

    FaultCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(airflow, "airflow");
        Objects.requireNonNull(cliLatency, "cliLatency");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(inject, "inject");
        Objects.requireNonNull(skipped, "skipped");
        if (events < 1) {
            throw new IllegalArgumentException("a case sends at least one event");
        }
    }

    /** A case that applies. */
    FaultCase(String name, String what, AirflowVersion airflow, int events, Duration cliLatency, Reach reach,
            BiConsumer<MwaaEmulator, Duration> inject) {
        this(name, what, airflow, events, cliLatency, reach, inject, Optional.empty());
    }

    /** A case that does not apply to the suite's transport, and why, under the same name. */
    static FaultCase skipped(String name, String what, String because) {
        return new FaultCase(name, what, AirflowVersion.of(2, 10, 3), 1, Duration.ZERO, Reach.EMULATOR,
                (emulator, timeout) -> { }, Optional.of(because));
    }
}
