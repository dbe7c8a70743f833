package io.github.mwaatrigger.mwaa;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JVM's default trust (the {@code javax.net.ssl.trustStore} property, else the JDK's {@code cacerts}),
 * loaded once per process and shared by both HTTPS clients, the AWS SDK's (for the MWAA API) and the CLI
 * endpoint's, instead of each parsing the trust store on its first connection. Host names are still
 * verified by each client as usual.
 */
public final class DefaultTrust {

    private static final Lazy<TrustManager[]> TRUST_MANAGERS = new Lazy<>(DefaultTrust::load);
    private static final Lazy<SSLContext> CONTEXT = new Lazy<>(DefaultTrust::contextFor);

    private DefaultTrust() {
    }

    /** The default trust managers. */
    public static TrustManager[] trustManagers() {
        return TRUST_MANAGERS.get().clone();
    }

    /** A TLS context that trusts what the JVM trusts by default. */
    public static SSLContext context() {
        return CONTEXT.get();
    }

    /** The socket factory of {@link #context()}. */
    public static SSLSocketFactory socketFactory() {
        return CONTEXT.get().getSocketFactory();
    }

    private static TrustManager[] load() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default trust store cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static SSLContext contextFor() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, TRUST_MANAGERS.get(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }
}
