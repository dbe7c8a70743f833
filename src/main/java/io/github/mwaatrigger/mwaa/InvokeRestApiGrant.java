package io.github.mwaatrigger.mwaa;

import java.util.Objects;
import java.util.Optional;

/**
 * The IAM grant the REST transport works under: {@code airflow:InvokeRestApi} on one Airflow role of one
 * environment. Known here only to say, in an error, what to grant; IAM alone decides what is allowed.
 *
 * @param environmentName the MWAA environment
 * @param region          its region
 * @param airflowRole     the Airflow role the deployment grants ({@code MWAA_AIRFLOW_ROLE}), if it says
 */
public record InvokeRestApiGrant(String environmentName, String region, Optional<String> airflowRole) {

    public InvokeRestApiGrant {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(airflowRole, "airflowRole");
    }

    /** The ARN to grant {@code airflow:InvokeRestApi} on, with the account left for the reader. */
    public String roleArn(String role) {
        return "arn:" + partition() + ":airflow:" + region + ":ACCOUNT_ID:role/" + environmentName + "/" + role;
    }

    /** The role ARN this deployment grants, or one with a placeholder for the role. */
    public String grantedRoleArn() {
        return roleArn(airflowRole.orElse("AIRFLOW_ROLE"));
    }

    /** How a message names the Airflow role the caller acts as. */
    public String describeRole() {
        return airflowRole.map(role -> "Airflow role '" + role + "'").orElse("the Airflow role granted to this caller");
    }

    private String partition() {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
