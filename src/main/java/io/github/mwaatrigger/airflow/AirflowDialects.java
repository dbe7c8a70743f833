package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;

/**
 * Where the environment's {@link AirflowDialect} comes from: the configured {@code AIRFLOW_VERSION}, or,
 * with {@code auto}, one {@code GetEnvironment} call per process, made on first use (never during
 * initialization).
 */
public final class AirflowDialects {

    private final DialectSource<AirflowDialect> source;

    private AirflowDialects(DialectSource<AirflowDialect> source) {
        this.source = source;
    }

    /** Always the dialect of {@code version}. */
    public static AirflowDialects fixed(AirflowVersion version) {
        return new AirflowDialects(DialectSource.fixed(AirflowDialect.of(version)));
    }

    /** The dialect of the version that {@code GetEnvironment} reports, asked once. */
    public static AirflowDialects discoveredThrough(MwaaControlPlane controlPlane) {
        return new AirflowDialects(DialectSource.discoveredThrough(controlPlane, AirflowDialect::of,
                (reported, reason) -> "the environment reports Airflow version '" + reported + "', which this "
                        + "version of mwaa-trigger cannot drive: " + reason));
    }

    /** The environment's dialect. */
    public AirflowDialect dialect(Deadline deadline) {
        return source.dialect(deadline);
    }
}
