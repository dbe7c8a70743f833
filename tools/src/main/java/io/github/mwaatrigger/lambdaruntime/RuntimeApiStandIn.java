package io.github.mwaatrigger.lambdaruntime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Lambda Runtime API that one execution environment's runtime talks to (what
 * {@code AWS_LAMBDA_RUNTIME_API} names), on 127.0.0.1 over plain HTTP as in Lambda: {@code GET
 * /2018-06-01/runtime/invocation/next} hands out the next queued event (waiting until there is one), {@code
 * POST .../invocation/{id}/response} and {@code .../invocation/{id}/error} take its result, {@code POST
 * .../init/error} and {@code .../restore/error} take a failed start, and {@code GET .../restore/next} answers
 * at once, as Lambda does after restoring a SnapStart snapshot.
 *
 * <p>It stamps every step with {@link System#nanoTime()}, so that a caller who started the runtime process can
 * tell how long initialization took (until the first {@code /next}) and how long each invocation took (from
 * the event leaving to the result arriving), the way Lambda reports Init Duration and Duration.
 */
public final class RuntimeApiStandIn implements AutoCloseable {

    private static final String RUNTIME = "/2018-06-01/runtime/";
    private static final Pattern RESULT = Pattern.compile("/2018-06-01/runtime/invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final Duration functionTimeout;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<RuntimeError> failedStart = new CompletableFuture<>();
    private volatile long restoreRequestedNanos = -1;
    private volatile boolean closed;

    /** One queued or handed-out event. */
    private static final class Pending {
        final String requestId = UUID.randomUUID().toString();
        final byte[] event;
        final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        volatile long deliveredNanos;

        Pending(byte[] event) {
            this.event = event;
        }
    }

    private RuntimeApiStandIn(String functionName, Duration functionTimeout) throws IOException {
        this.functionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
        this.functionTimeout = functionTimeout;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.setExecutor(executor);
        server.createContext(RUNTIME, this::handle);
        server.start();
    }

    /**
     * Starts a Runtime API for one execution environment of {@code functionName}, whose invocations get
     * {@code functionTimeout} as their deadline.
     */
    public static RuntimeApiStandIn start(String functionName, Duration functionTimeout) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(functionTimeout, "functionTimeout");
        try {
            return new RuntimeApiStandIn(functionName, functionTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("the Runtime API stand-in could not start: " + e.getMessage(), e);
        }
    }

    /** What {@code AWS_LAMBDA_RUNTIME_API} must say: {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues {@code event}; the runtime gets it on its next {@code /invocation/next}. */
    public CompletableFuture<InvocationResult> submit(byte[] event) {
        Pending pending = new Pending(event.clone());
        queue.add(pending);
        return pending.result;
    }

    /**
     * Queues {@code event} and waits for its result.
     *
     * @throws RuntimeStartFailedException if the runtime reports a failed start instead
     * @throws TimeoutException            if no result came within {@code wait}
     */
    public InvocationResult invoke(byte[] event, Duration wait) throws TimeoutException {
        return await(submit(event), wait);
    }

    /**
     * Waits until the runtime first asks for an invocation, which ends its initialization.
     *
     * @return when it asked, on {@link System#nanoTime()}
     * @throws RuntimeStartFailedException if the runtime reports a failed start instead
     * @throws TimeoutException            if it did not ask within {@code wait}
     */
    public long awaitFirstNext(Duration wait) throws TimeoutException {
        return await(firstNext, wait);
    }

    /** When the runtime asked {@code /restore/next}, on {@link System#nanoTime()}; empty if it has not. */
    public OptionalLong restoreRequestedNanos() {
        long nanos = restoreRequestedNanos;
        return nanos < 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    /** The failed start the runtime reported, if it reported one. */
    public Optional<RuntimeError> failedStart() {
        return Optional.ofNullable(failedStart.getNow(null));
    }

    private <T> T await(CompletableFuture<T> future, Duration wait) throws TimeoutException {
        try {
            Object first = CompletableFuture.anyOf(future, failedStart).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (first instanceof RuntimeError error && !future.isDone()) {
                throw new RuntimeStartFailedException(error);
            }
            return future.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runtime", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Runtime API stand-in stopped: " + e.getCause(), e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher result = RESULT.matcher(path);
            if (method.equals("GET") && path.equals(RUNTIME + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && result.matches()) {
                result(exchange, result.group(1), result.group(2).equals("error"));
            } else if (method.equals("POST") && (path.equals(RUNTIME + "init/error")
                    || path.equals(RUNTIME + "restore/error"))) {
                String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst(ERROR_TYPE)).orElse("");
                failedStart.complete(new RuntimeError(path, type, body(exchange)));
                answer(exchange, 202, "{\"status\": \"OK\"}");
            } else if (method.equals("GET") && path.equals(RUNTIME + "restore/next")) {
                restoreRequestedNanos = System.nanoTime();
                answer(exchange, 200, "");
            } else {
                answer(exchange, 404, "{\"errorType\": \"NotFound\", \"errorMessage\": \"no such route\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            answer(exchange, 500, "{\"errorType\": \"ShuttingDown\", \"errorMessage\": \"the stand-in is closing\"}");
            return;
        }
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        pending.deliveredNanos = System.nanoTime();
        exchange.sendResponseHeaders(200, pending.event.length);
        exchange.getResponseBody().write(pending.event);
    }

    private void result(HttpExchange exchange, String requestId, boolean error) throws IOException {
        String body = body(exchange);
        long completed = System.nanoTime();
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            answer(exchange, 400, "{\"errorType\": \"InvalidRequestID\", \"errorMessage\": \"unknown request id\"}");
            return;
        }
        Optional<String> type = error
                ? Optional.of(Optional.ofNullable(exchange.getRequestHeaders().getFirst(ERROR_TYPE)).orElse(""))
                : Optional.empty();
        answer(exchange, 202, "{\"status\": \"OK\"}");
        pending.result.complete(new InvocationResult(requestId, type, body, pending.deliveredNanos, completed));
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        IllegalStateException stopped = new IllegalStateException("the Runtime API stand-in was closed");
        queue.forEach(pending -> pending.result.completeExceptionally(stopped));
        inFlight.values().forEach(pending -> pending.result.completeExceptionally(stopped));
        firstNext.completeExceptionally(stopped);
    }
}
