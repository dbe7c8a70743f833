package io.github.mwaatrigger.mwaa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Loads and initializes the TLS stack without connecting anywhere: the trust store, the JDK's default
 * TLS context (every {@code HttpsURLConnection} initializes it on creation, the AWS SDK's included), the
 * handshake code (by producing and discarding a ClientHello) and certificate path validation (by
 * validating a trusted certificate). For a one-shot command on a second thread, and for SnapStart priming.
 */
public final class TlsWarmUp {

    private TlsWarmUp() {
    }

    /**
     * Does the work; a failure here is only a missed optimization (the first connection meets any real
     * problem), so it is swallowed.
     */
    public static void run() {
        try {
            HttpsURLConnection.getDefaultSSLSocketFactory();
            SSLEngine engine = DefaultTrust.context().createSSLEngine("warm-up.invalid", 443);
            engine.setUseClientMode(true);
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            validateATrustedCertificate();
        } catch (SSLException | GeneralSecurityException | RuntimeException | LinkageError e) {
            // Only an optimization.
        }
    }

    private static void validateATrustedCertificate() throws GeneralSecurityException {
        for (TrustManager manager : DefaultTrust.trustManagers()) {
            if (manager instanceof X509TrustManager trust && trust.getAcceptedIssuers().length > 0) {
                trust.checkServerTrusted(new X509Certificate[] {trust.getAcceptedIssuers()[0]}, "UNKNOWN");
                return;
            }
        }
    }
}
