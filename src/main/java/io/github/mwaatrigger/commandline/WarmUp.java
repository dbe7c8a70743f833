package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.mwaa.DefaultTrust;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Loads the trust store and the JDK's TLS stack on a second thread while the main thread builds the AWS
 * SDK client: a one-shot command needs both, and on two cores they overlap. It opens no connection and
 * changes no setting; the first TLS connection then finds the work done.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void start() {
        inBackground("tls-warm-up", WarmUp::warmUp);
    }

    /** Runs {@code work} on a daemon thread; a failure there is left for the main thread to meet. */
    static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // Only an optimization: the main thread does the same work and reports any real problem.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Initializes the JDK's default TLS context (every {@code HttpsURLConnection} does on creation, the AWS
     * SDK's included) and produces (and throws away) a ClientHello from the shared trust's context, which
     * loads the handshake code and makes a key share.
     */
    private static void warmUp() {
        try {
            HttpsURLConnection.getDefaultSSLSocketFactory();
            SSLEngine engine = DefaultTrust.context().createSSLEngine("warm-up.invalid", 443);
            engine.setUseClientMode(true);
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            validateATrustedCertificate();
        } catch (Exception | LinkageError e) {
            // Only an optimization: the first connection will report any real problem.
        }
    }

    /** Runs certificate path validation once (on a trusted certificate), which loads the PKIX machinery. */
    private static void validateATrustedCertificate() throws CertificateException {
        for (TrustManager manager : DefaultTrust.trustManagers()) {
            if (manager instanceof X509TrustManager trust && trust.getAcceptedIssuers().length > 0) {
                trust.checkServerTrusted(new X509Certificate[] {trust.getAcceptedIssuers()[0]}, "UNKNOWN");
                return;
            }
        }
    }
}
