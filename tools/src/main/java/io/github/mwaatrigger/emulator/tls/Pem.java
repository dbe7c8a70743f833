package io.github.mwaatrigger.emulator.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes certificates in the PEM text form of RFC 7468, which OpenSSL, Python and curl read.
 *
 * <p>Not BouncyCastle's {@code PemWriter}: that ends lines with the platform's separator, and the CA bundle
 * should be the same file, with {@code \n} line ends, wherever the emulator runs.
 */
final class Pem {
    private static final int LINE_LENGTH = 64;
    private static final Base64.Encoder BASE64 =
            Base64.getMimeEncoder(LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** The certificate between {@code BEGIN CERTIFICATE} and {@code END CERTIFICATE} lines, ending in a newline. */
    static String certificate(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
