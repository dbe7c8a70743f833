package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Makes a local emulator's certificate authority usable by clients: a PEM file (curl, Python, the aws
 * CLI) and a truststore (Java, through the standard {@code javax.net.ssl.trustStore} property).
 */
final class LocalEmulatorTrust {

    static final String TRUSTSTORE = "MWAA_TRUSTSTORE";
    static final String CA_PEM = "MWAA_CA_PEM";

    private LocalEmulatorTrust() {
    }

    /**
     * Writes {@code ca.pem} and {@code truststore.p12} (which needs no password) into {@code directory};
     * returns the variables naming them.
     */
    static Map<String, String> writeTrustFiles(MwaaEmulator emulator, Path directory) {
        Path pem = directory.resolve("ca.pem").toAbsolutePath();
        Path truststore = directory.resolve("truststore.p12").toAbsolutePath();
        try {
            emulator.certificateAuthority().writeCertificatePem(pem);
            emulator.certificateAuthority().writeTruststore(truststore);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator's CA files to " + directory, e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(CA_PEM, pem.toString());
        variables.put(TRUSTSTORE, truststore.toString());
        return variables;
    }

    /**
     * Makes this process talk to {@code emulator} as a Lambda function would talk to MWAA: the JVM trusts
     * its CA (through {@code javax.net.ssl.trustStore}), and the AWS SDK's default credentials chain finds
     * its credentials (through the standard {@code aws.accessKeyId} / {@code aws.secretAccessKey}
     * properties). Must run before the first TLS connection. The CA files go to a temporary folder that
     * closing the result (or the process ending) deletes.
     */
    static EmulatorTrust.Trusted trust(MwaaEmulator emulator, EmulatorConfig config) {
        return trust(emulator, config, System.getProperties());
    }

    /** Like {@link #trust(MwaaEmulator, EmulatorConfig)}, setting {@code properties} instead of the system's. */
    static EmulatorTrust.Trusted trust(MwaaEmulator emulator, EmulatorConfig config, Properties properties) {
        TemporaryFolder folder = TemporaryFolder.create("mwaa-trigger-demo-");
        Map<String, String> files;
        try {
            files = writeTrustFiles(emulator, folder.path());
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        properties.setProperty("javax.net.ssl.trustStore", files.get(TRUSTSTORE));
        properties.setProperty("aws.accessKeyId", config.accessKeyId());
        properties.setProperty("aws.secretAccessKey", config.secretAccessKey());
        return folder::close;
    }

    /**
     * Trusts the truststore named by {@code MWAA_TRUSTSTORE} (as the {@code emulator} subcommand prints
     * it), unless {@code javax.net.ssl.trustStore} is already set. Must run before the first TLS connection.
     */
    static void useTruststoreFrom(Map<String, String> environment) {
        String truststore = environment.get(TRUSTSTORE);
        if (truststore == null || truststore.isBlank() || System.getProperty("javax.net.ssl.trustStore") != null) {
            return;
        }
        System.setProperty("javax.net.ssl.trustStore", truststore);
    }
}
