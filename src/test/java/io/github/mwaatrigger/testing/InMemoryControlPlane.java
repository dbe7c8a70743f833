package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.mwaa.CliToken;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The MWAA API of one environment, in memory: it reports the environment's Airflow version and records
 * every call, so that a test can tell whether and when MWAA was asked anything.
 */
public final class InMemoryControlPlane implements MwaaControlPlane {

    private final String airflowVersion;
    private final List<String> calls = new ArrayList<>();
    private boolean prepared;

    /** An environment that runs Airflow {@code airflowVersion}, as {@code GetEnvironment} reports it. */
    public InMemoryControlPlane(String airflowVersion) {
        this.airflowVersion = Objects.requireNonNull(airflowVersion, "airflowVersion");
    }

    @Override
    public synchronized CliToken createCliToken(Deadline deadline) {
        calls.add("CreateCliToken");
        return new CliToken("in-memory-cli-token", "in-memory.invalid", deadline.clock().instant());
    }

    @Override
    public synchronized String airflowVersion(Deadline deadline) {
        calls.add("GetEnvironment");
        return airflowVersion;
    }

    @Override
    public synchronized void prepare() {
        prepared = true;
    }

    /** The API calls made ({@code CreateCliToken}, {@code GetEnvironment}), in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Whether the set-up that needs no network was done. */
    public synchronized boolean prepared() {
        return prepared;
    }
}
