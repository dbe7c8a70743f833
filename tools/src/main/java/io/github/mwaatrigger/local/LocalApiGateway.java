package io.github.mwaatrigger.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mwaatrigger.emulator.PortInUseException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway on localhost, for one REST API function: every HTTP request becomes the
 * {@code APIGatewayProxyRequestEvent} API Gateway would send (resource and path parameters matched
 * against the API's resources, the path and path parameters still percent-encoded as a REST API leaves
 * them, headers, query string, body, base64 for binary bodies, request context),
 * and the function's response becomes the HTTP response. Requests to no resource get API Gateway's 403
 * {@code Missing Authentication Token}. IAM authorization is not checked locally.
 */
public final class LocalApiGateway implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function;
    private final List<String> resources;
    private final String functionName;
    private final Duration timeout;

    private LocalApiGateway(HttpServer server, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
            List<String> resources, String functionName, Duration timeout) {
        this.server = server;
        this.function = function;
        this.resources = List.copyOf(resources);
        this.functionName = functionName;
        this.timeout = timeout;
    }

    /**
     * Serves {@code function} on 127.0.0.1:{@code port} (0 for any free port) for {@code resources} such
     * as {@code /api/v1/dags/{dag_id}/dagRuns}.
     *
     * @throws PortInUseException if something else listens on {@code port}
     */
    public static LocalApiGateway start(int port, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
            List<String> resources, String functionName, Duration timeout) {
        try {
            HttpServer server = listen(port);
            LocalApiGateway gateway = new LocalApiGateway(server, function, resources, functionName, timeout);
            server.createContext("/", gateway::handle);
            server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "local-api-gateway");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private static HttpServer listen(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        } catch (BindException e) {
            throw new PortInUseException("127.0.0.1", port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Optional<Map.Entry<String, Map<String, String>>> route = route(path);
            if (route.isEmpty()) {
                respond(exchange, 403, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
                        "MissingAuthenticationTokenException"), "{\"message\":\"Missing Authentication Token\"}");
                return;
            }
            APIGatewayProxyRequestEvent event = event(exchange, path, route.get().getKey(), route.get().getValue());
            APIGatewayProxyResponseEvent response = function.handleRequest(event, new LocalContext(functionName, timeout));
            respond(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                    response.getBody() == null ? "" : response.getBody());
        } catch (RuntimeException e) {
            respond(exchange, 502, Map.of("Content-Type", "application/json"), "{\"message\": \"Internal server error\"}");
        }
    }

    /**
     * The resource the raw path addresses, and its path parameters, as API Gateway matches them: still
     * percent-encoded, as a REST API delivers them.
     */
    private Optional<Map.Entry<String, Map<String, String>>> route(String rawPath) {
        for (String resource : resources) {
            Matcher names = Pattern.compile("\\{([^}]+)}").matcher(resource);
            List<String> parameters = new ArrayList<>();
            while (names.find()) {
                parameters.add(names.group(1));
            }
            Pattern template = Pattern.compile(Pattern.quote(resource).replaceAll("\\{[^}]+}", "\\\\E([^/]+)\\\\Q") + "/?");
            Matcher matcher = template.matcher(rawPath);
            if (matcher.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < parameters.size(); i++) {
                    values.put(parameters.get(i), matcher.group(i + 1));
                }
                return Optional.of(Map.entry(resource, values));
            }
        }
        return Optional.empty();
    }

    /**
     * The event for one request, built field by field rather than written as API Gateway's JSON for the
     * runtime's deserializer to read: the compiler checks every field here, where the deserializer would
     * silently drop a misspelt key.
     */
    private static APIGatewayProxyRequestEvent event(HttpExchange exchange, String path, String resource,
            Map<String, String> pathParameters) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
        Optional<String> text = utf8(body);
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiHeaders.put(name, List.copyOf(values));
        });
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        Map<String, String> singleQuery = new LinkedHashMap<>();
        query.forEach((name, values) -> singleQuery.put(name, values.get(values.size() - 1)));
        String method = exchange.getRequestMethod();
        return new APIGatewayProxyRequestEvent()
                .withResource(resource)
                .withPath(path)
                .withHttpMethod(method)
                .withHeaders(headers)
                .withMultiValueHeaders(multiHeaders)
                .withQueryStringParameters(singleQuery.isEmpty() ? null : singleQuery)
                .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters)
                .withBody(body.length == 0 ? null : text.orElseGet(() -> Base64.getEncoder().encodeToString(body)))
                .withIsBase64Encoded(body.length > 0 && text.isEmpty())
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString())
                        .withStage("local")
                        .withResourcePath(resource)
                        .withHttpMethod(method)
                        .withPath("/local" + path)
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())));
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
