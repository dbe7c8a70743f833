package io.github.mwaatrigger.mwaa;

import java.time.Instant;
import java.util.Objects;

/**
 * A CLI token from {@code CreateCliToken} and the web server it is valid for. The token is an admin
 * credential for the whole Airflow environment: it is never printed, and {@link #toString()} hides it.
 *
 * @param value             the bearer token
 * @param webServerHostname the Airflow web server's host name (with a port when not 443), without scheme
 * @param requestedAt       when the token was asked for; its 60 s life started no earlier than this
 */
public record CliToken(String value, String webServerHostname, Instant requestedAt) {

    public CliToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(webServerHostname, "webServerHostname");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    @Override
    public String toString() {
        return "CliToken[value=<redacted>, webServerHostname=" + webServerHostname + ", requestedAt=" + requestedAt + "]";
    }
}
