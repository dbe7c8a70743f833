package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.emulator.tls.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one test certificate authority of a test run. Its truststore becomes the JVM's trust store through
 * the standard {@code javax.net.ssl.trustStore} property before any TLS connection is made (see
 * {@link TestSessionSetup}), so the code under test keeps the JDK's default trust and host name checks.
 * Python and the aws CLI get its PEM file.
 */
public final class TestTls {

    private static final Path DIRECTORY = Path.of("target", "test-tls").toAbsolutePath();
    private static CertificateAuthority authority;

    private TestTls() {
    }

    /** Creates the CA and makes the JVM trust it; idempotent. */
    static synchronized void install() {
        if (authority != null) {
            return;
        }
        CertificateAuthority created = CertificateAuthority.create("mwaa-trigger test CA");
        String password = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try {
            Files.createDirectories(DIRECTORY);
            created.writeCertificatePem(caPem());
            created.writeTruststore(DIRECTORY.resolve("truststore.p12"), password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("javax.net.ssl.trustStore", DIRECTORY.resolve("truststore.p12").toString());
        System.setProperty("javax.net.ssl.trustStorePassword", password);
        authority = created;
    }

    /** The CA every test emulator's certificates come from. */
    public static synchronized CertificateAuthority authority() {
        install();
        return authority;
    }

    /** The CA as a PEM file, for curl, Python and the aws CLI. */
    public static Path caPem() {
        return DIRECTORY.resolve("ca.pem");
    }

    /** An empty file to stand for AWS config and credentials files, so that no test reads ~/.aws. */
    public static Path emptyAwsConfig() {
        Path file = DIRECTORY.resolve("empty-aws-config");
        try {
            Files.createDirectories(DIRECTORY);
            if (!Files.exists(file)) {
                Files.writeString(file, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
