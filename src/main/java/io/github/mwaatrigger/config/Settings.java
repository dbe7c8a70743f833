package io.github.mwaatrigger.config;

import io.github.mwaatrigger.airflow.AirflowVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The settings every part of mwaa-trigger shares (the Lambda functions, the command-line tool and the
 * demo), parsed once at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><td>{@code MWAA_ENVIRONMENT_NAME}</td><td>required: the MWAA environment's name</td></tr>
 *   <tr><td>{@code AIRFLOW_VERSION}</td><td>its Airflow version, e.g. {@code 2.10.3}, or {@code auto}
 *       (the default) to ask {@code GetEnvironment} once per process</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>required (or {@code AWS_DEFAULT_REGION}): the environment's region</td></tr>
 *   <tr><td>{@code AWS_ENDPOINT_URL_MWAA}, {@code AWS_ENDPOINT_URL}</td><td>optional: the standard AWS SDK
 *       endpoint overrides (also as system properties {@code aws.endpointUrlMwaa}, {@code aws.endpointUrl})</td></tr>
 *   <tr><td>{@code MWAA_MAX_CONCURRENT_CLI_CALLS}</td><td>optional: CLI commands one process sends at once
 *       (default 4, MWAA's usual limit); more wait for a free slot instead of drawing 503s</td></tr>
 *   <tr><td>{@code MWAA_TRANSPORT}</td><td>optional: {@code cli} (the default: CLI tokens) or {@code rest}
 *       (Airflow's REST API through {@code InvokeRestApi}, Airflow 2.4.3 or later)</td></tr>
 *   <tr><td>{@code MWAA_AIRFLOW_ROLE}</td><td>optional: the Airflow role the deployment grants
 *       {@code airflow:InvokeRestApi} on, named in error messages only (IAM decides)</td></tr>
 * </table>
 *
 * @param environmentName  the MWAA environment
 * @param airflowVersion   the configured Airflow version, or empty for {@code auto}
 * @param region           the AWS region
 * @param endpointOverride the MWAA API endpoint to use instead of AWS's, such as a local emulator
 * @param maxConcurrentCliCalls CLI commands sent at once by this process
 * @param transport        how DAG runs are started and read: CLI tokens or InvokeRestApi
 * @param airflowRole      the Airflow role granted for InvokeRestApi, if the deployment names it
 */
public record Settings(String environmentName, Optional<AirflowVersion> airflowVersion, String region,
        Optional<URI> endpointOverride, int maxConcurrentCliCalls, Transport transport, Optional<String> airflowRole) {

    public static final String ENVIRONMENT_NAME = "MWAA_ENVIRONMENT_NAME";
    public static final String AIRFLOW_VERSION = "AIRFLOW_VERSION";
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String ENDPOINT_URL_MWAA = "AWS_ENDPOINT_URL_MWAA";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String MAX_CONCURRENT_CLI_CALLS = "MWAA_MAX_CONCURRENT_CLI_CALLS";
    public static final String TRANSPORT = "MWAA_TRANSPORT";
    public static final String AIRFLOW_ROLE = "MWAA_AIRFLOW_ROLE";
    private static final Pattern AIRFLOW_ROLE_FORMAT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** MWAA's web server typically runs at most 4 CLI commands at once and answers 503 beyond that. */
    private static final int DEFAULT_MAX_CONCURRENT_CLI_CALLS = 4;

    private static final Pattern ENVIRONMENT_NAME_FORMAT = Pattern.compile("[a-zA-Z][0-9a-zA-Z_-]{0,79}");
    private static final Pattern REGION_FORMAT = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");

    public Settings {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(airflowVersion, "airflowVersion");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        if (maxConcurrentCliCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCliCalls must be at least 1");
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(airflowRole, "airflowRole");
    }

    /**
     * Settings from {@code environment}, with the AWS endpoint system properties from {@code properties}.
     *
     * @throws ConfigurationException naming the first missing or malformed setting
     */
    public static Settings from(Environment environment, Properties properties) {
        Optional<AirflowVersion> version = airflowVersion(environment);
        Transport transport = transport(environment, version);
        return new Settings(environmentName(environment), version, region(environment),
                endpointOverride(environment, properties), maxConcurrentCliCalls(environment), transport,
                airflowRole(environment));
    }

    /** {@code MWAA_TRANSPORT}, which with {@code rest} needs an Airflow that InvokeRestApi reaches. */
    private static Transport transport(Environment environment, Optional<AirflowVersion> version) {
        Transport transport = SettingParser.parse(TRANSPORT, environment.get(TRANSPORT).orElse("cli"), Transport::parse);
        if (transport == Transport.REST && version.isPresent()) {
            try {
                io.github.mwaatrigger.airflow.RestApiDialect.of(version.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(TRANSPORT + "=rest cannot reach " + AIRFLOW_VERSION + " "
                        + version.get() + ": " + e.getMessage() + "; use " + TRANSPORT + "=cli for it");
            }
        }
        return transport;
    }

    private static Optional<String> airflowRole(Environment environment) {
        Optional<String> role = environment.get(AIRFLOW_ROLE);
        if (role.isPresent() && !AIRFLOW_ROLE_FORMAT.matcher(role.get()).matches()) {
            throw new ConfigurationException(AIRFLOW_ROLE + " '" + role.get() + "' is not an Airflow role name: use "
                    + "one such as User, Op, Admin or Viewer");
        }
        return role;
    }

    private static String environmentName(Environment environment) {
        String name = environment.require(ENVIRONMENT_NAME,
                "set it to your MWAA environment's name, e.g. MyAirflowEnvironment");
        if (!ENVIRONMENT_NAME_FORMAT.matcher(name).matches()) {
            throw new ConfigurationException(ENVIRONMENT_NAME + " '" + name + "' is not an MWAA environment name: "
                    + "use 1-80 characters, a letter first, then letters, digits, '-' or '_'");
        }
        return name;
    }

    private static Optional<AirflowVersion> airflowVersion(Environment environment) {
        String value = environment.get(AIRFLOW_VERSION).orElse("auto");
        if (value.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        try {
            AirflowVersion version = AirflowVersion.parse(value);
            io.github.mwaatrigger.airflow.AirflowDialect.of(version);
            return Optional.of(version);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(AIRFLOW_VERSION + " '" + value + "' is not usable: give the "
                    + "environment's Airflow version (1.10.x, 2.x or 3.x), e.g. 2.10.3, or auto to ask MWAA");
        }
    }

    private static String region(Environment environment) {
        String region = environment.get(REGION).or(() -> environment.get(DEFAULT_REGION))
                .orElseThrow(() -> new ConfigurationException(REGION + " is not set: set it to the region of your "
                        + "MWAA environment, e.g. us-east-1 (Lambda sets it for you)"));
        if (!REGION_FORMAT.matcher(region).matches()) {
            throw new ConfigurationException(REGION + " '" + region + "' is not an AWS region: use a code such as "
                    + "us-east-1 or eu-central-1");
        }
        return region;
    }

    private static int maxConcurrentCliCalls(Environment environment) {
        Optional<String> value = environment.get(MAX_CONCURRENT_CLI_CALLS);
        if (value.isEmpty()) {
            return DEFAULT_MAX_CONCURRENT_CLI_CALLS;
        }
        try {
            int calls = Integer.parseInt(value.get());
            if (calls >= 1 && calls <= 64) {
                return calls;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigurationException(MAX_CONCURRENT_CLI_CALLS + " '" + value.get() + "' is not a number from 1 to 64: "
                + "give how many CLI commands this process may send at once, e.g. 4");
    }

    /**
     * The endpoint override, in the AWS SDK's order: the service's own setting before the general one, a
     * system property before an environment variable.
     */
    private static Optional<URI> endpointOverride(Environment environment, Properties properties) {
        List<Map.Entry<String, Optional<String>>> sources = List.of(
                Map.entry("aws.endpointUrlMwaa", property(properties, "aws.endpointUrlMwaa")),
                Map.entry(ENDPOINT_URL_MWAA, environment.get(ENDPOINT_URL_MWAA)),
                Map.entry("aws.endpointUrl", property(properties, "aws.endpointUrl")),
                Map.entry(ENDPOINT_URL, environment.get(ENDPOINT_URL)));
        return sources.stream().filter(source -> source.getValue().isPresent()).findFirst()
                .map(source -> endpoint(source.getKey(), source.getValue().get()));
    }

    private static Optional<String> property(Properties properties, String name) {
        return Optional.ofNullable(properties.getProperty(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static URI endpoint(String name, String value) {
        try {
            URI uri = new URI(value);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        throw new ConfigurationException(name + " '" + value + "' is not an endpoint URL: use a URL such as "
                + "https://127.0.0.1:8443");
    }
}
