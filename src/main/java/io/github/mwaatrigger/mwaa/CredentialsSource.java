package io.github.mwaatrigger.mwaa;

import java.util.Map;

/**
 * Where the AWS credentials of this process come from, so that an error about them names what the person
 * reading it can change: a Lambda function's execution role, or the AWS SDK's default chain on a laptop or
 * a build server.
 */
public enum CredentialsSource {

    /** A Lambda function: the execution role gives the credentials and holds the permissions. */
    LAMBDA_FUNCTION_ROLE("the function's role",
            "no AWS credentials were found in the function's environment: check the function's execution role"),

    /** Anything else, such as the command-line tool: the SDK's default chain. */
    DEFAULT_CHAIN("the AWS identity of your credentials",
            "no AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE for a "
                    + "profile in ~/.aws, or run where an instance or container role provides them");

    /** Lambda sets this variable in every function's environment. */
    static final String LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    private final String identity;
    private final String missing;

    CredentialsSource(String identity, String missing) {
        this.identity = identity;
        this.missing = missing;
    }

    /** The source of the process whose environment variables are {@code environment}. */
    public static CredentialsSource of(Map<String, String> environment) {
        return environment.containsKey(LAMBDA_FUNCTION_NAME) ? LAMBDA_FUNCTION_ROLE : DEFAULT_CHAIN;
    }

    /** Who needs a permission, as in "the function's role needs airflow:CreateCliToken". */
    String identity() {
        return identity;
    }

    /** One line saying that no credentials were found, and where they come from. */
    String missingCredentials() {
        return missing;
    }
}
