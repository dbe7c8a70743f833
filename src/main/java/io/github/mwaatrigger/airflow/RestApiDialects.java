package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;
import java.util.Objects;

/**
 * Where the environment's {@link RestApiDialect} comes from: the configured {@code AIRFLOW_VERSION}, or,
 * with {@code auto}, one {@code GetEnvironment} call per process, made on first use. An environment whose
 * Airflow is older than {@link RestApiDialect#FIRST_VERSION} is refused then, with what to do instead.
 */
public final class RestApiDialects {

    private final MwaaControlPlane controlPlane;
    private volatile RestApiDialect dialect;

    private RestApiDialects(RestApiDialect dialect, MwaaControlPlane controlPlane) {
        this.dialect = dialect;
        this.controlPlane = controlPlane;
    }

    /**
     * Always the dialect of {@code version}.
     *
     * @throws IllegalArgumentException if InvokeRestApi cannot reach that version
     */
    public static RestApiDialects fixed(AirflowVersion version) {
        return new RestApiDialects(RestApiDialect.of(version), null);
    }

    /** The dialect of the version that {@code GetEnvironment} reports, asked once. */
    public static RestApiDialects discoveredThrough(MwaaControlPlane controlPlane) {
        return new RestApiDialects(null, Objects.requireNonNull(controlPlane, "controlPlane"));
    }

    /**
     * The environment's dialect.
     *
     * @throws MwaaConfigurationException if the environment's Airflow cannot be reached through InvokeRestApi
     */
    public RestApiDialect dialect(Deadline deadline) {
        RestApiDialect known = dialect;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (dialect == null) {
                String reported = controlPlane.airflowVersion(deadline);
                try {
                    dialect = RestApiDialect.of(AirflowVersion.parse(reported));
                } catch (IllegalArgumentException e) {
                    throw new MwaaConfigurationException("the environment reports Airflow version '" + reported
                            + "': " + e.getMessage() + ". Use the CLI transport for it: MWAA_TRANSPORT=cli (the "
                            + "template parameter Transport=cli)", e);
                }
            }
            return dialect;
        }
    }
}
