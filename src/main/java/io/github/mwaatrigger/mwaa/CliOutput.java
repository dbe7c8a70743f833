package io.github.mwaatrigger.mwaa;

import java.util.Objects;

/**
 * What an Airflow CLI command printed on the MWAA web server, decoded from the base64 {@code stdout}
 * and {@code stderr} of the {@code /aws_mwaa/cli} response. MWAA reports no exit code: whether the
 * command worked has to be read from these texts.
 */
public record CliOutput(String stdout, String stderr) {

    public CliOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
