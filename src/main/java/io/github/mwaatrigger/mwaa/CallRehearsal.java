package io.github.mwaatrigger.mwaa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The real transport (the AWS SDK client with its signer, JSON protocol and HTTP client; the CLI endpoint over
 * {@code HttpsURLConnection}; TLS handshakes; the token cache and the CLI client) pointed at an in-process
 * stand-in for the MWAA API and the Airflow web server on 127.0.0.1, so that SnapStart priming can run a whole
 * call before the snapshot without sending anything to MWAA or Airflow. The stand-in presents throwaway
 * certificates (RSA for the API, as AWS endpoints do, elliptic curve for the web server, so that both kinds of
 * handshake are loaded) that only the rehearsal's own clients trust; its clients sign with made-up credentials
 * and get a made-up token. Every answer closes its connection, so no pooled connection to the stand-in
 * outlives it.
 */
public final class CallRehearsal implements AutoCloseable {

    /** The environment the rehearsal's clients name. */
    public static final String ENVIRONMENT = "rehearsal";
    /** The Airflow version the stand-in's {@code GetEnvironment} reports. */
    public static final String AIRFLOW_VERSION = "2.10.3";

    private final ExecutorService executor;
    private final HttpsServer api;
    private final HttpsServer webServer;
    private final SdkMwaaControlPlane controlPlane;
    private final MwaaCliClient cli;
    private final AtomicInteger requests = new AtomicInteger();

    private CallRehearsal(String region, String cliStdout) throws GeneralSecurityException, IOException {
        LoopbackCertificate apiCertificate = LoopbackCertificate.create(LoopbackCertificate.KeyType.RSA);
        LoopbackCertificate webCertificate = LoopbackCertificate.create(LoopbackCertificate.KeyType.EC);
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mwaa-call-rehearsal");
            thread.setDaemon(true);
            return thread;
        });
        this.webServer = server(webCertificate.serverContext());
        String webServerHostname = "127.0.0.1:" + webServer.getAddress().getPort();
        String cliAnswer = "{\"stdout\": \"" + Base64.getEncoder().encodeToString(cliStdout.getBytes(StandardCharsets.UTF_8))
                + "\", \"stderr\": \"\"}";
        webServer.createContext(HttpsCliEndpoint.PATH, exchange -> answer(exchange, "POST", cliAnswer));
        this.api = server(apiCertificate.serverContext());
        api.createContext("/clitoken/" + ENVIRONMENT, exchange -> answer(exchange, "POST",
                "{\"CliToken\": \"rehearsal-token-not-a-credential\", \"WebServerHostname\": \"" + webServerHostname + "\"}"));
        api.createContext("/environments/" + ENVIRONMENT, exchange -> answer(exchange, "GET",
                "{\"Environment\": {\"Name\": \"" + ENVIRONMENT + "\", \"AirflowVersion\": \"" + AIRFLOW_VERSION + "\"}}"));
        webServer.start();
        api.start();
        this.controlPlane = SdkMwaaControlPlane.rehearsal(ENVIRONMENT, region,
                URI.create("https://127.0.0.1:" + api.getAddress().getPort()), apiCertificate.trustManagers());
        SSLContext cliTls = SSLContext.getInstance("TLS");
        cliTls.init(null, webCertificate.trustManagers(), null);
        this.cli = new MwaaCliClient(new CliTokenCache(controlPlane, Clock.systemUTC()),
                new HttpsCliEndpoint(new NoDelaySocketFactory(cliTls.getSocketFactory())), Backoff.standard(),
                Sleeper.SYSTEM, 1);
    }

    /**
     * Starts the stand-in, whose web server answers every CLI command with {@code cliStdout}, and points the
     * transport at it; the SDK client is made for {@code region}, like the function's.
     */
    public static CallRehearsal start(String region, String cliStdout) throws GeneralSecurityException, IOException {
        return new CallRehearsal(region, cliStdout);
    }

    /** The SDK-backed control plane, pointed at the stand-in. */
    public MwaaControlPlane controlPlane() {
        return controlPlane;
    }

    /** The CLI client, pointed at the stand-in. */
    public AirflowCli cli() {
        return cli;
    }

    /** How many requests the stand-in answered. */
    public int requestsAnswered() {
        return requests.get();
    }

    private HttpsServer server(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        return server;
    }

    private void answer(HttpExchange exchange, String method, String json) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Connection", "close");
            if (!exchange.getRequestMethod().equals(method)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            requests.incrementAndGet();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        api.stop(0);
        webServer.stop(0);
        executor.shutdownNow();
    }
}
