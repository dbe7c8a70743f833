package io.github.mwaatrigger.config;

import io.github.mwaatrigger.airflow.AirflowIds;
import java.util.Optional;

/** {@code DAG_ID}: the DAG the upload and schedule functions start when nothing else names one. */
final class DagIdSetting {

    static final String NAME = "DAG_ID";

    private DagIdSetting() {
    }

    /**
     * The DAG {@code DAG_ID} names, if it is set.
     *
     * @throws ConfigurationException if it is set to something that is not a DAG id
     */
    static Optional<String> from(Environment environment) {
        return environment.get(NAME).map(dagId -> SettingParser.parse(NAME, dagId, AirflowIds::requireDagId));
    }
}
