package io.github.mwaatrigger.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes against an HTTPS server using {@link ServerCredentials#sslContext()}, with clients that
 * trust only the files the authority wrote and keep their normal hostname verification.
 */
class TlsHandshakeTest {
    private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final char[] TRUSTSTORE_PASSWORD = "changeit".toCharArray();

    /** GETs each URL with a context trusting only the given CA bundle, under OpenSSL's strict X.509 rules. */
    private static final String PYTHON_CLIENT = """
            import ssl, sys, urllib.request
            context = ssl.create_default_context(cafile=sys.argv[1])
            context.verify_flags |= ssl.VERIFY_X509_STRICT
            opener = urllib.request.build_opener(
                urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
            for url in sys.argv[2:]:
                with opener.open(url, timeout=10) as response:
                    print(url, response.status, response.read().decode())
            """;

    @TempDir
    static Path directory;

    private static CertificateAuthority authority;
    private static HttpsServer server;

    @BeforeAll
    static void startServer() throws IOException {
        authority = CertificateAuthority.create("Handshake Test CA");
        ServerCredentials credentials = authority.issueServerCertificate(
                List.of("localhost"),
                List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
        server = start(credentials.sslContext());
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void javaClientTrustingOnlyTheWrittenTruststoreConnectsByAddressAndByName() throws Exception {
        SSLContext client = clientTrusting(writeTruststore());

        assertThat(get(client, "127.0.0.1", server)).isEqualTo(200);
        assertThat(get(client, "localhost", server)).isEqualTo(200);
    }

    @Test
    void javaClientRejectsCertificateThatDoesNotNameTheHost() throws Exception {
        ServerCredentials localhostOnly = authority.issueServerCertificate(List.of("localhost"), List.of());
        HttpsServer otherServer = start(localhostOnly.sslContext());
        try {
            SSLContext client = clientTrusting(writeTruststore());

            assertThat(get(client, "localhost", otherServer)).isEqualTo(200);
            assertThatThrownBy(() -> get(client, "127.0.0.1", otherServer))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
        } finally {
            otherServer.stop(0);
        }
    }

    @Test
    void pythonClientWithStrictVerificationConnectsByAddressAndByName() throws Exception {
        Path bundle = directory.resolve("ca.pem");
        authority.writeCertificatePem(bundle);

        ExternalCommand.Result result = python(bundle, url("127.0.0.1", server), url("localhost", server));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo(
                url("127.0.0.1", server) + " 200 ok\n" + url("localhost", server) + " 200 ok\n");
    }

    @Test
    void pythonClientTrustingAnotherAuthorityRejectsTheServer() throws Exception {
        Path bundle = directory.resolve("other-ca.pem");
        CertificateAuthority.create("Handshake Test CA").writeCertificatePem(bundle);

        ExternalCommand.Result result = python(bundle, url("127.0.0.1", server));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("CERTIFICATE_VERIFY_FAILED");
    }

    private static HttpsServer start(SSLContext context) throws IOException {
        HttpsServer started = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        started.setHttpsConfigurator(new HttpsConfigurator(context));
        started.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
        });
        started.start();
        return started;
    }

    private static Path writeTruststore() throws IOException {
        Path file = directory.resolve("truststore.p12");
        authority.writeTruststore(file, TRUSTSTORE_PASSWORD);
        return file;
    }

    /** A client context built from nothing but the truststore file. */
    private static SSLContext clientTrusting(Path truststoreFile) throws Exception {
        KeyStore truststore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststoreFile)) {
            truststore.load(in, TRUSTSTORE_PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(truststore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** GETs {@code /} with the default hostname verifier and returns the status code. */
    private static int get(SSLContext client, String host, HttpsServer target) throws IOException {
        HttpsURLConnection connection =
                (HttpsURLConnection) new URL(url(host, target)).openConnection(Proxy.NO_PROXY);
        connection.setSSLSocketFactory(client.getSocketFactory());
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static ExternalCommand.Result python(Path caBundle, String... urls) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", PYTHON_CLIENT, caBundle.toString()));
        command.addAll(List.of(urls));
        return ExternalCommand.run(command.toArray(String[]::new));
    }

    private static String url(String host, HttpsServer target) {
        return "https://" + host + ":" + target.getAddress().getPort() + "/";
    }
}
