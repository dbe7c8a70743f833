package io.github.mwaatrigger.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The MWAA API in AWS's REST-JSON shape: {@code POST /clitoken/{Name}}, {@code GET /environments/{Name}} and
 * {@code POST /restapi/{Name}} ({@link InvokeRestApiOperation}), with every request's SigV4 signature checked, and errors answered as AWS answers them (status,
 * {@code x-amzn-ErrorType}, {@code x-amzn-RequestId}, a JSON body with the message).
 */
final class ControlPlaneHandler implements HttpHandler {

    private static final JsonWriter JSON = JsonWriter.compact();
    /** Where a process outside the emulator (a benchmark) reads what it counted; not part of the MWAA API. */
    static final String STATS_PATH = "/_emulator/stats";

    private final EmulatorConfig config;
    private final SigV4Verifier verifier;
    private final CliTokens tokens;
    private final String webServerHostname;
    private final FaultQueue faults = new FaultQueue();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger environmentLookups = new AtomicInteger();
    private final Supplier<JsonObject> stats;
    private final InvokeRestApiOperation invokeRestApi;

    ControlPlaneHandler(EmulatorConfig config, CliTokens tokens, String webServerHostname, Supplier<JsonObject> stats,
            InvokeRestApiOperation invokeRestApi) {
        this.stats = stats;
        this.invokeRestApi = invokeRestApi;
        this.config = config;
        this.tokens = tokens;
        this.webServerHostname = webServerHostname;
        this.verifier = new SigV4Verifier("airflow", config.region(),
                accessKeyId -> accessKeyId.equals(config.accessKeyId())
                        ? Optional.of(config.secretAccessKey()) : Optional.empty(),
                config.clock());
    }

    /**
     * Queues {@code next}, one fault per request. The MWAA API acts out only {@link Fault.Status},
     * {@link Fault.AwsError} and {@link Fault.DropConnection}.
     *
     * @throws IllegalArgumentException for any other fault, before anything is queued
     */
    void inject(List<Fault> next) {
        for (Fault fault : next) {
            if (!(fault instanceof Fault.Status || fault instanceof Fault.AwsError
                    || fault instanceof Fault.DropConnection)) {
                throw new IllegalArgumentException("the MWAA API emulation cannot act out " + fault
                        + "; it supports Fault.Status, Fault.AwsError and Fault.DropConnection");
            }
        }
        faults.addAll(next);
    }

    /** The injected faults not acted out yet. */
    FaultQueue faults() {
        return faults;
    }

    int requests() {
        return requests.get();
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    int environmentLookups() {
        return environmentLookups.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals(STATS_PATH)) {
                Exchanges.respond(exchange, 200, "application/json", JSON.write(stats.get()));
                return;
            }
            requests.incrementAndGet();
            byte[] body = Exchanges.body(exchange);
            Fault fault = faults.next();
            if (fault instanceof Fault.Status status) {
                error(exchange, status.status(), status.status() == 429 ? "ThrottlingException" : "InternalServerException",
                        "Injected failure");
                return;
            }
            if (fault instanceof Fault.AwsError aws) {
                error(exchange, aws.status(), aws.errorType(), "Injected " + aws.errorType());
                return;
            }
            if (fault instanceof Fault.DropConnection) {
                throw Exchanges.dropConnection();
            }
            SignatureVerdict verdict = verifier.verify(new SignedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body));
            if (verdict instanceof SignatureVerdict.Rejected rejected) {
                error(exchange, rejected.httpStatus(), rejected.errorType(), rejected.message());
                return;
            }
            route(exchange, body);
        }
    }

    private void route(HttpExchange exchange, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        String[] segments = exchange.getRequestURI().getRawPath().split("/");
        if (segments.length != 3) {
            error(exchange, 404, "UnknownOperationException", null);
            return;
        }
        String name = URLDecoder.decode(segments[2], StandardCharsets.UTF_8);
        if (method.equals("POST") && segments[1].equals("restapi")) {
            respond(exchange, invokeRestApi.invoke(name, body));
            return;
        }
        boolean createCliToken = method.equals("POST") && segments[1].equals("clitoken");
        boolean getEnvironment = method.equals("GET") && segments[1].equals("environments");
        if (!createCliToken && !getEnvironment) {
            error(exchange, 404, "UnknownOperationException", null);
            return;
        }
        if (!name.equals(config.environmentName())) {
            error(exchange, 404, "ResourceNotFoundException", "Environment " + name + " not found.");
            return;
        }
        if (createCliToken) {
            tokensIssued.incrementAndGet();
            ok(exchange, JsonObject.builder().put("CliToken", tokens.issue())
                    .put("WebServerHostname", webServerHostname).build());
        } else {
            environmentLookups.incrementAndGet();
            ok(exchange, JsonObject.builder().put("Environment", environment()).build());
        }
    }

    private JsonObject environment() {
        String arn = "arn:aws:airflow:" + config.region() + ":123456789012:environment/" + config.environmentName();
        return JsonObject.builder()
                .put("Name", config.environmentName())
                .put("Status", "AVAILABLE")
                .put("Arn", arn)
                .put("WebserverUrl", webServerHostname)
                .put("AirflowVersion", config.airflowVersion().toString())
                .put("EnvironmentClass", "mw1.small")
                .put("WebserverAccessMode", "PUBLIC_ONLY")
                .build();
    }

    private static void respond(HttpExchange exchange, AwsAnswer answer) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        answer.errorType().ifPresent(type -> exchange.getResponseHeaders().set("x-amzn-ErrorType", type));
        Exchanges.respond(exchange, answer.status(), answer.contentType(), answer.body());
    }

    private static void ok(HttpExchange exchange, JsonObject body) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        Exchanges.respond(exchange, 200, "application/json", JSON.write(body));
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        JsonObject body = message == null ? JsonObject.empty()
                : new JsonObject(java.util.Map.of(type.equals("AccessDeniedException") ? "Message" : "message",
                        new JsonString(message)));
        Exchanges.respond(exchange, status, "application/json", JSON.write(body));
    }

}
