package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.airflow.AirflowVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link MwaaEmulator} behaves. Take {@link #defaults()}, or start from {@link #builder()} (whose
 * settings start at the defaults) and change what matters.
 *
 * @param environmentName       the one MWAA environment it serves
 * @param region                the region its SigV4 credential scope must name
 * @param airflowVersion        whose CLI dialect, output formats and error texts it speaks
 * @param dags                  the DAG ids Airflow knows
 * @param accessKeyId           the access key it accepts
 * @param secretAccessKey       that key's secret
 * @param controlPlanePort      port of the MWAA API (0 for any free port)
 * @param webServerPort         port of the Airflow web server (0 for any free port)
 * @param tokenLifetime         how long a CLI token is accepted (60 s on MWAA)
 * @param maxConcurrentCliCalls CLI commands run at once before it answers 503 (about 4 on MWAA)
 * @param cliLatency            how long each CLI command takes (Airflow's CLI start-up on a real web server)
 * @param runStartsAfter        how long a new run stays queued
 * @param runFinishesAfter      how long after its creation a run succeeds
 * @param noisyOutput           whether output carries the warnings and log lines real MWAA output has
 * @param clock                 the emulator's time: token expiry, logical dates, run progress
 * @param airflowRole           the Airflow role {@code InvokeRestApi} callers act as (MWAA takes it from the
 *                              caller's IAM grant)
 * @param restRateLimit         {@code InvokeRestApi} requests a second before it answers {@code ThrottlingException}
 *                              (about 10 on MWAA)
 */
public record EmulatorConfig(String environmentName, String region, AirflowVersion airflowVersion, Set<String> dags,
        String accessKeyId, String secretAccessKey, int controlPlanePort, int webServerPort, Duration tokenLifetime,
        int maxConcurrentCliCalls, Duration cliLatency, Duration runStartsAfter, Duration runFinishesAfter,
        boolean noisyOutput, Clock clock, AirflowRole airflowRole, int restRateLimit) {

    /** The access key id of the default credentials. */
    public static final String DEFAULT_ACCESS_KEY_ID = "AKIAEMULATOR00000001";
    /** The secret of the default credentials (they only ever open the local emulator). */
    public static final String DEFAULT_SECRET_ACCESS_KEY = "emulator/secret/only-valid-for-the-local-emulator";

    public EmulatorConfig {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(airflowVersion, "airflowVersion");
        dags = Set.copyOf(dags);
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(cliLatency, "cliLatency");
        Objects.requireNonNull(runStartsAfter, "runStartsAfter");
        Objects.requireNonNull(runFinishesAfter, "runFinishesAfter");
        Objects.requireNonNull(clock, "clock");
        if (maxConcurrentCliCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCliCalls must be at least 1");
        }
        Objects.requireNonNull(airflowRole, "airflowRole");
        if (restRateLimit < 1) {
            throw new IllegalArgumentException("restRateLimit must be at least 1 request per second");
        }
    }

    /**
     * Environment {@code MyAirflowEnvironment} in {@code us-east-1} on Airflow 2.10.3 with DAGs
     * {@code example_dag}, {@code s3_ingest} and {@code nightly_report}, 60 s tokens, 4 concurrent CLI
     * calls, instant commands, runs that start after 1 s and finish after 3 s, noisy output; {@code InvokeRestApi}
     * callers act as Airflow's {@code User} role, at most 10 requests a second.
     */
    public static EmulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects an {@link EmulatorConfig}; every setting starts at its {@link #defaults() default}. */
    public static final class Builder {
        private String environmentName = "MyAirflowEnvironment";
        private String region = "us-east-1";
        private AirflowVersion airflowVersion = AirflowVersion.of(2, 10, 3);
        private Set<String> dags = Set.of("example_dag", "s3_ingest", "nightly_report");
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private int controlPlanePort;
        private int webServerPort;
        private Duration tokenLifetime = Duration.ofSeconds(60);
        private int maxConcurrentCliCalls = 4;
        private Duration cliLatency = Duration.ZERO;
        private Duration runStartsAfter = Duration.ofSeconds(1);
        private Duration runFinishesAfter = Duration.ofSeconds(3);
        private boolean noisyOutput = true;
        private Clock clock = Clock.systemUTC();
        private AirflowRole airflowRole = AirflowRole.USER;
        private int restRateLimit = 10;

        private Builder() {
        }

        public Builder environmentName(String value) {
            environmentName = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder airflowVersion(AirflowVersion value) {
            airflowVersion = value;
            return this;
        }

        public Builder dags(Collection<String> value) {
            dags = Set.copyOf(value);
            return this;
        }

        public Builder credentials(String newAccessKeyId, String newSecretAccessKey) {
            accessKeyId = newAccessKeyId;
            secretAccessKey = newSecretAccessKey;
            return this;
        }

        public Builder ports(int newControlPlanePort, int newWebServerPort) {
            controlPlanePort = newControlPlanePort;
            webServerPort = newWebServerPort;
            return this;
        }

        public Builder tokenLifetime(Duration value) {
            tokenLifetime = value;
            return this;
        }

        /** At most {@code concurrentCalls} CLI commands at once, each taking {@code latency}. */
        public Builder cliCapacity(int concurrentCalls, Duration latency) {
            maxConcurrentCliCalls = concurrentCalls;
            cliLatency = latency;
            return this;
        }

        public Builder runProgress(Duration startsAfter, Duration finishesAfter) {
            runStartsAfter = startsAfter;
            runFinishesAfter = finishesAfter;
            return this;
        }

        public Builder noisyOutput(boolean value) {
            noisyOutput = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The Airflow role {@code InvokeRestApi} callers act as. */
        public Builder airflowRole(AirflowRole value) {
            airflowRole = value;
            return this;
        }

        /** At most {@code requestsPerSecond} {@code InvokeRestApi} requests a second. */
        public Builder restRateLimit(int requestsPerSecond) {
            restRateLimit = requestsPerSecond;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(environmentName, region, airflowVersion, dags, accessKeyId, secretAccessKey,
                    controlPlanePort, webServerPort, tokenLifetime, maxConcurrentCliCalls, cliLatency, runStartsAfter,
                    runFinishesAfter, noisyOutput, clock, airflowRole, restRateLimit);
        }
    }
}
