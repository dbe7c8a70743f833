package io.github.mwaatrigger.mwaa;

/**
 * The Airflow web server's CLI endpoint, {@code POST https://<WebServerHostname>/aws_mwaa/cli}: one
 * request with a CLI token, and what became of it. {@link HttpsCliEndpoint} is the real one; tests of
 * the client's retries use a scripted one.
 */
public interface CliEndpoint {

    /** Sends {@code commandLine} with {@code token}, finishing (redirects included) by {@code deadline}. */
    CliExchange post(CliToken token, String commandLine, Deadline deadline);
}
