package io.github.mwaatrigger.airflow;

import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.MwaaControlPlane;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where a dialect of the environment's Airflow comes from: the configured {@code AIRFLOW_VERSION}, or, with
 * {@code auto}, one {@code GetEnvironment} call per process, made on first use (never during initialization)
 * and kept. {@link AirflowDialects} and {@link RestApiDialects} are the two kinds.
 *
 * @param <D> the dialect
 */
final class DialectSource<D> {

    private final MwaaControlPlane controlPlane;
    private final Function<AirflowVersion, D> dialectOf;
    private final BiFunction<String, String, String> unsupported;
    private volatile D dialect;

    private DialectSource(D dialect, MwaaControlPlane controlPlane, Function<AirflowVersion, D> dialectOf,
            BiFunction<String, String, String> unsupported) {
        this.dialect = dialect;
        this.controlPlane = controlPlane;
        this.dialectOf = dialectOf;
        this.unsupported = unsupported;
    }

    /** Always {@code dialect}. */
    static <D> DialectSource<D> fixed(D dialect) {
        return new DialectSource<>(Objects.requireNonNull(dialect, "dialect"), null, null, null);
    }

    /**
     * The dialect {@code dialectOf} gives for the version {@code GetEnvironment} reports, asked once. When
     * {@code dialectOf} refuses that version, the message is {@code unsupported} of the version as reported and
     * the reason.
     */
    static <D> DialectSource<D> discoveredThrough(MwaaControlPlane controlPlane, Function<AirflowVersion, D> dialectOf,
            BiFunction<String, String, String> unsupported) {
        return new DialectSource<>(null, Objects.requireNonNull(controlPlane, "controlPlane"),
                Objects.requireNonNull(dialectOf, "dialectOf"), Objects.requireNonNull(unsupported, "unsupported"));
    }

    /**
     * The environment's dialect.
     *
     * @throws MwaaConfigurationException if the environment's Airflow has no dialect of this kind
     */
    D dialect(Deadline deadline) {
        D known = dialect;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (dialect == null) {
                String reported = controlPlane.airflowVersion(deadline);
                try {
                    dialect = dialectOf.apply(AirflowVersion.parse(reported));
                } catch (IllegalArgumentException e) {
                    throw new MwaaConfigurationException(unsupported.apply(reported, e.getMessage()), e);
                }
            }
            return dialect;
        }
    }
}
