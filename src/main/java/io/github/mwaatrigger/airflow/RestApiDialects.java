package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;

/**
 * Where the environment's {@link RestApiDialect} comes from: the configured {@code AIRFLOW_VERSION}, or,
 * with {@code auto}, one {@code GetEnvironment} call per process, made on first use. An environment whose
 * Airflow is older than {@link RestApiDialect#FIRST_VERSION} is refused then, with what to do instead.
 */
public final class RestApiDialects {

    private final DialectSource<RestApiDialect> source;

    private RestApiDialects(DialectSource<RestApiDialect> source) {
        this.source = source;
    }

    /**
     * Always the dialect of {@code version}.
     *
     * @throws IllegalArgumentException if InvokeRestApi cannot reach that version
     */
    public static RestApiDialects fixed(AirflowVersion version) {
        return new RestApiDialects(DialectSource.fixed(RestApiDialect.of(version)));
    }

    /** The dialect of the version that {@code GetEnvironment} reports, asked once. */
    public static RestApiDialects discoveredThrough(MwaaControlPlane controlPlane) {
        return new RestApiDialects(DialectSource.discoveredThrough(controlPlane, RestApiDialect::of,
                (reported, reason) -> "the environment reports Airflow version '" + reported + "': " + reason
                        + ". Use the CLI transport for it: MWAA_TRANSPORT=cli (the template parameter Transport=cli)"));
    }

    /**
     * The environment's dialect.
     *
     * @throws MwaaConfigurationException if the environment's Airflow cannot be reached through InvokeRestApi
     */
    public RestApiDialect dialect(Deadline deadline) {
        return source.dialect(deadline);
    }
}
