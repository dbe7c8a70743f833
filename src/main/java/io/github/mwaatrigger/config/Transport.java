package io.github.mwaatrigger.config;

import java.util.Locale;

/** How the functions and the command-line tool reach Airflow ({@code MWAA_TRANSPORT}). */
public enum Transport {
    /**
     * A CLI token from {@code CreateCliToken}, then {@code POST /aws_mwaa/cli} (the default): every Airflow
     * line MWAA has run, but the token is an admin-equivalent credential.
     */
    CLI,
    /**
     * Airflow's REST API through MWAA's {@code InvokeRestApi}, as one Airflow role: Airflow 2.4.3 or later,
     * rate-limited by MWAA.
     */
    REST;

    /** The setting's value: {@code cli} or {@code rest}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The transport {@code value} names, in any case.
     *
     * @throws IllegalArgumentException if it names none
     */
    public static Transport parse(String value) {
        for (Transport transport : values()) {
            if (transport.value().equalsIgnoreCase(value.strip())) {
                return transport;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a transport: use cli (CLI tokens, the default) or "
                + "rest (MWAA's InvokeRestApi, Airflow 2.4.3 or later)");
    }
}
