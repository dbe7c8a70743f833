package io.github.mwaatrigger.emulator.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The private key and certificate chain a TLS server presents.
 *
 * @param privateKey the key certified by the first certificate of the chain
 * @param chain the server certificate first, then the certificates of its issuers; never empty
 */
public record ServerCredentials(PrivateKey privateKey, List<X509Certificate> chain) {
    private static final String KEY_ALIAS = "server";
    /** The keystore below never leaves memory, so its password only satisfies the KeyStore API. */
    private static final char[] IN_MEMORY_PASSWORD = {};

    /**
     * Checks and copies the components.
     *
     * @param privateKey the key certified by the first certificate of the chain
     * @param chain the server certificate first, then the certificates of its issuers; never empty
     */
    public ServerCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain must not be empty");
        }
    }

    /**
     * A new TLS context for the server side, for example for
     * {@code com.sun.net.httpserver.HttpsConfigurator}, that presents these credentials and uses the
     * platform's default trust and randomness.
     *
     * <p>Each call takes about 10 ms, spent deriving keys to protect the key entry of the in-memory
     * keystore; the first TLS context in a JVM also loads the JDK's TLS implementation, a few hundred ms.
     *
     * @return a new, initialised TLS context
     */
    public SSLContext sslContext() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(KEY_ALIAS, privateKey, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS server context", e);
        }
    }

    /** Names the server certificate's subject but leaves out the key and the certificates' full text. */
    @Override
    public String toString() {
        return "ServerCredentials[subject=" + chain.get(0).getSubjectX500Principal()
                + ", chainLength=" + chain.size() + "]";
    }
}
