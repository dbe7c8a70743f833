package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.mwaa.DefaultTrust;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;

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

    /** Produces (and throws away) a ClientHello, which loads the handshake code and makes a key share. */
    private static void warmUp() {
        try {
            SSLEngine engine = DefaultTrust.context().createSSLEngine("warm-up.invalid", 443);
            engine.setUseClientMode(true);
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        } catch (Exception | LinkageError e) {
            // Only an optimization: the first connection will report any real problem.
        }
    }
}
