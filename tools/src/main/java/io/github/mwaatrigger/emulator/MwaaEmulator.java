package io.github.mwaatrigger.emulator;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.mwaatrigger.emulator.tls.CertificateAuthority;
import io.github.mwaatrigger.emulator.tls.ServerCredentials;
import io.github.mwaatrigger.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A faithful stand-in for one Amazon MWAA environment, on loopback, over HTTPS:
 *
 * <ul>
 *   <li>the MWAA API ({@code CreateCliToken}, {@code GetEnvironment}, {@code InvokeRestApi}) with SigV4 checking,
 *       at {@link #controlPlaneEndpoint()}, for any AWS SDK or the {@code aws} CLI as an endpoint override;
 *       {@code InvokeRestApi} reaches the same runs as the CLI, through the configured version's REST API, as
 *       the configured Airflow role, under the configured request rate;</li>
 *   <li>the Airflow web server's {@code /aws_mwaa/cli} at {@link #webServerHostname()}, the host name its
 *       {@code CreateCliToken} answers return, speaking the configured Airflow version's CLI.</li>
 * </ul>
 *
 * <p>Both serve a certificate from {@link #certificateAuthority()}; clients trust it through a CA file
 * (curl, Python) or a truststore ({@code javax.net.ssl.trustStore}), with normal host name checks.
 * Tests inject faults ({@link #injectCliFaults}, {@link #injectControlPlaneFaults}, {@link #expireAllTokens})
 * and read back what happened ({@link #runs()}, {@link #receivedCommands()}).
 */
public final class MwaaEmulator implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body separately; with Nagle's algorithm on,
        // the body waits for the client's delayed acknowledgement (tens of milliseconds per answer).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorConfig config;
    private final CertificateAuthority authority;
    private final AirflowSimulation airflow;
    private final CliTokens tokens;
    private final HttpsServer webServer;
    private final HttpsServer controlPlane;
    private final WebServerHandler webServerHandler;
    private final ControlPlaneHandler controlPlaneHandler;
    private final InvokeRestApiOperation invokeRestApi;
    private final ExecutorService executor;

    private MwaaEmulator(EmulatorConfig config, CertificateAuthority authority) throws IOException {
        this.config = config;
        this.authority = authority;
        this.airflow = new AirflowSimulation(config);
        this.tokens = new CliTokens(config.clock(), config.tokenLifetime());
        ServerCredentials credentials = authority.issueServerCertificate(List.of("localhost"),
                List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
        SSLContext tls = credentials.sslContext();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mwaa-emulator");
            thread.setDaemon(true);
            return thread;
        });
        this.webServer = server(config.webServerPort(), tls);
        this.webServerHandler = new WebServerHandler(tokens, new AirflowCliEmulation(airflow, config), config);
        webServer.createContext("/", webServerHandler);
        try {
            this.controlPlane = server(config.controlPlanePort(), tls);
        } catch (IOException | RuntimeException e) {
            // A server that never started keeps its port bound after stop(): its selector never ran to close it.
            webServer.start();
            webServer.stop(0);
            executor.shutdownNow();
            throw e;
        }
        this.invokeRestApi = new InvokeRestApiOperation(config, AirflowRestApi.of(airflow, config));
        this.controlPlaneHandler = new ControlPlaneHandler(config, tokens, webServerHostname(), this::stats,
                invokeRestApi);
        controlPlane.createContext("/", controlPlaneHandler);
        webServer.start();
        controlPlane.start();
    }

    /** Starts an emulator with a new certificate authority. */
    public static MwaaEmulator start(EmulatorConfig config) {
        return start(config, CertificateAuthority.create("mwaa-trigger emulator CA"));
    }

    /**
     * Starts an emulator whose certificates come from {@code authority}.
     *
     * @throws PortInUseException if a port the configuration names is taken
     */
    public static MwaaEmulator start(EmulatorConfig config, CertificateAuthority authority) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(authority, "authority");
        try {
            return new MwaaEmulator(config, authority);
        } catch (IOException e) {
            throw new UncheckedIOException("the MWAA emulator could not start: " + e.getMessage(), e);
        }
    }

    private HttpsServer server(int port, SSLContext tls) throws IOException {
        HttpsServer server;
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        } catch (BindException e) {
            throw new PortInUseException("127.0.0.1", port, e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        return server;
    }

    public EmulatorConfig config() {
        return config;
    }

    public CertificateAuthority certificateAuthority() {
        return authority;
    }

    /** The MWAA API endpoint, e.g. {@code https://127.0.0.1:41234}, for {@code AWS_ENDPOINT_URL_MWAA}. */
    public URI controlPlaneEndpoint() {
        return URI.create("https://127.0.0.1:" + controlPlane.getAddress().getPort());
    }

    /** The web server's host and port, as {@code CreateCliToken} returns it: {@code 127.0.0.1:41235}. */
    public String webServerHostname() {
        return "127.0.0.1:" + webServer.getAddress().getPort();
    }

    /** Makes Airflow know one more DAG. */
    public void addDag(String dagId) {
        airflow.addDag(dagId);
    }

    /**
     * Gives DAG {@code dagId} (made known if it is not) a history of {@code count} finished scheduled runs,
     * the newest at logical date {@code newest}, one every {@code spacing} before it: for trying what a long
     * history costs.
     */
    public void seedRuns(String dagId, int count, Instant newest, Duration spacing) {
        airflow.seedRuns(dagId, count, newest, spacing);
    }

    /** Every DAG run created so far, oldest first, with the conf it was created with. */
    public List<EmulatedRun> runs() {
        return airflow.allRuns();
    }

    /** The runs of {@code dagId}, newest first. */
    public List<EmulatedRun> runs(String dagId) {
        return airflow.runs(dagId);
    }

    /** Every request {@code /aws_mwaa/cli} received, in order, exactly as sent. */
    public List<ReceivedCommand> receivedCommands() {
        return webServerHandler.received();
    }

    /** How many MWAA API requests arrived, failed and faulted ones included. */
    public int controlPlaneRequests() {
        return controlPlaneHandler.requests();
    }

    /** How many {@code InvokeRestApi} requests with a valid signature arrived, throttled ones included. */
    public int restApiRequests() {
        return invokeRestApi.requests();
    }

    /** How many {@code InvokeRestApi} requests were refused with {@code ThrottlingException}. */
    public int throttledRestApiRequests() {
        return invokeRestApi.throttled();
    }

    /** How many CLI tokens {@code CreateCliToken} has issued. */
    public int cliTokensIssued() {
        return controlPlaneHandler.tokensIssued();
    }

    /** How many {@code GetEnvironment} calls were answered. */
    public int environmentLookups() {
        return controlPlaneHandler.environmentLookups();
    }

    /** The most CLI commands that ran at the same time. */
    public int mostConcurrentCliCommands() {
        return webServerHandler.mostConcurrentCommands();
    }

    /** How many CLI requests were refused with 503 because the concurrency cap was reached. */
    public int busyAnswers() {
        return webServerHandler.busyAnswers();
    }

    /**
     * What the emulator counted, as JSON ({@code cli_tokens_issued}, {@code environment_lookups},
     * {@code cli_requests}, {@code busy_answers}, {@code most_concurrent_cli_commands}, {@code runs},
     * {@code rest_api_requests}, {@code throttled_rest_api_requests}); also
     * served at {@code GET <control plane>/_emulator/stats} for processes outside the emulator.
     */
    public JsonObject stats() {
        return JsonObject.builder()
                .put("cli_tokens_issued", cliTokensIssued())
                .put("environment_lookups", environmentLookups())
                .put("cli_requests", receivedCommands().size())
                .put("busy_answers", busyAnswers())
                .put("most_concurrent_cli_commands", mostConcurrentCliCommands())
                .put("runs", runs().size())
                .put("rest_api_requests", restApiRequests())
                .put("throttled_rest_api_requests", throttledRestApiRequests())
                .build();
    }

    /** Every CLI token issued so far (to check that none of them leaked). */
    public List<String> issuedTokens() {
        return tokens.issued();
    }

    /** Acts out {@code faults} on the next CLI requests, one fault per request. */
    public void injectCliFaults(Fault... faults) {
        webServerHandler.inject(Arrays.asList(faults));
    }

    /**
     * Acts out {@code faults} on the next MWAA API requests, one fault per request.
     *
     * @throws IllegalArgumentException if a fault is neither {@link Fault.Status} (its status, with an AWS
     *                                  error body of its own), {@link Fault.AwsError} nor
     *                                  {@link Fault.DropConnection}
     */
    public void injectControlPlaneFaults(Fault... faults) {
        controlPlaneHandler.inject(Arrays.asList(faults));
    }

    /**
     * Acts out {@code faults} on the next {@code InvokeRestApi} requests that reach Airflow, one fault per
     * request: {@link Fault.Status} is Airflow answering that status and JSON body (a 5xx arrives as
     * {@code RestApiServerException}), {@link Fault.Delay} a slow answer, {@link Fault.DropConnection} no answer
     * (Airflow never got the call), {@link Fault.LoseAnswer} the call run in Airflow and its answer lost,
     * {@link Fault.UnreadableAnswer} the call run in Airflow and answered 200 with JSON that is not its answer.
     * Faults of the MWAA API itself (throttling, 500s) are {@link #injectControlPlaneFaults}'s.
     *
     * @throws IllegalArgumentException for any other fault, or a status body that is not JSON
     */
    public void injectRestApiFaults(Fault... faults) {
        invokeRestApi.inject(Arrays.asList(faults));
    }

    /** How many injected faults, on the web server, the MWAA API and InvokeRestApi, are not acted out yet. */
    public int pendingFaults() {
        return webServerHandler.faults().pending() + controlPlaneHandler.faults().pending()
                + invokeRestApi.faults().pending();
    }

    /** Forgets every injected fault not acted out yet, on the web server, the MWAA API and InvokeRestApi. */
    public void clearFaults() {
        webServerHandler.faults().clear();
        controlPlaneHandler.faults().clear();
        invokeRestApi.faults().clear();
    }

    /** Expires every token issued so far, as if 60 s had passed. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    @Override
    public void close() {
        controlPlane.stop(0);
        webServer.stop(0);
        executor.shutdownNow();
    }
}
