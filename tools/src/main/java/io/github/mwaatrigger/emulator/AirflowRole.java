package io.github.mwaatrigger.emulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Airflow role an {@code InvokeRestApi} caller acts as. On MWAA it comes from the IAM grant
 * ({@code airflow:InvokeRestApi} on {@code arn:aws:airflow:REGION:ACCOUNT:role/ENV/ROLE}); the emulator takes
 * it from its configuration. The permissions are those of Airflow's default roles for the DAG-run endpoints:
 * {@code Viewer} may read runs, {@code User}, {@code Op} and {@code Admin} may also trigger them, and
 * {@code Public} has no permission at all.
 */
public enum AirflowRole {
    ADMIN("Admin"),
    OP("Op"),
    USER("User"),
    VIEWER("Viewer"),
    PUBLIC("Public");

    private final String roleName;

    AirflowRole(String roleName) {
        this.roleName = roleName;
    }

    /**
     * The role called {@code name} ({@code Admin}, {@code Op}, {@code User}, {@code Viewer}, {@code Public}),
     * in any letter case.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static AirflowRole named(String name) {
        for (AirflowRole role : values()) {
            if (role.roleName.equalsIgnoreCase(name.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an Airflow role; use one of "
                + Arrays.stream(values()).map(AirflowRole::roleName).collect(Collectors.joining(", ")));
    }

    /** The name Airflow and MWAA's IAM resources use, e.g. {@code Viewer}. */
    public String roleName() {
        return roleName;
    }

    /** Whether the role may list and read DAG runs ({@code can_read} on DAGs and DAG Runs). */
    public boolean canReadRuns() {
        return this != PUBLIC;
    }

    /** Whether the role may trigger DAG runs ({@code can_edit} on DAGs, {@code can_create} on DAG Runs). */
    public boolean canTriggerRuns() {
        return this != PUBLIC && this != VIEWER;
    }

    @Override
    public String toString() {
        return roleName;
    }
}
