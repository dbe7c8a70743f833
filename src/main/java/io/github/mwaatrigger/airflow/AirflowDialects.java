package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;
import java.util.Objects;

/**
 * Where the environment's {@link AirflowDialect} comes from: the configured {@code AIRFLOW_VERSION}, or,
 * with {@code auto}, one {@code GetEnvironment} call per process, made on first use (never during
 * initialization).
 */
public final class AirflowDialects {

    private final MwaaControlPlane controlPlane;
    private volatile AirflowDialect dialect;

    private AirflowDialects(AirflowDialect dialect, MwaaControlPlane controlPlane) {
        this.dialect = dialect;
        this.controlPlane = controlPlane;
    }

    /** Always the dialect of {@code version}. */
    public static AirflowDialects fixed(AirflowVersion version) {
        return new AirflowDialects(AirflowDialect.of(version), null);
    }

    /** The dialect of the version that {@code GetEnvironment} reports, asked once. */
    public static AirflowDialects discoveredThrough(MwaaControlPlane controlPlane) {
        return new AirflowDialects(null, Objects.requireNonNull(controlPlane, "controlPlane"));
    }

    /** The environment's dialect. */
    public AirflowDialect dialect(Deadline deadline) {
        AirflowDialect known = dialect;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (dialect == null) {
                String reported = controlPlane.airflowVersion(deadline);
                try {
                    dialect = AirflowDialect.of(AirflowVersion.parse(reported));
                } catch (IllegalArgumentException e) {
                    throw new MwaaConfigurationException("the environment reports Airflow version '" + reported
                            + "', which this version of mwaa-trigger cannot drive: " + e.getMessage(), e);
                }
            }
            return dialect;
        }
    }
}
