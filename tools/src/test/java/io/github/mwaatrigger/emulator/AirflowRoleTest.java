package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Airflow's default roles, by the names MWAA's IAM resources use, and what each may do with DAG runs. */
class AirflowRoleTest {

    @ParameterizedTest
    @CsvSource({"Admin, true, true", "Op, true, true", "user, true, true", "VIEWER, true, false",
            "Public, false, false"})
    void namedRoles_andTheirPermissions(String name, boolean reads, boolean triggers) {
        AirflowRole role = AirflowRole.named(name);

        assertThat(role.roleName()).isEqualToIgnoringCase(name);
        assertThat(role.canReadRuns()).isEqualTo(reads);
        assertThat(role.canTriggerRuns()).isEqualTo(triggers);
    }

    @ParameterizedTest
    @CsvSource({"Superuser", "''"})
    void anUnknownName_listsTheRoles(String name) {
        assertThatThrownBy(() -> AirflowRole.named(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an Airflow role; use one of Admin, Op, User, Viewer, Public");
    }
}
