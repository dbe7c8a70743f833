package io.github.mwaatrigger.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Airflow web server's {@code POST /aws_mwaa/cli}: checks the bearer token, splits the body like a
 * POSIX shell (Python's {@code shlex.split}), refuses commands MWAA does not allow, caps concurrent
 * commands (503 beyond the cap), runs the command and answers {@code {"stdout", "stderr"}} in base64.
 */
final class WebServerHandler implements HttpHandler {

    /** Commands MWAA's CLI endpoint refuses (it answers 500 for them). */
    private static final Set<String> NOT_ALLOWED_ON_MWAA =
            Set.of("db", "webserver", "scheduler", "worker", "celery", "flower", "kerberos", "shell", "standalone",
                    "triggerer", "internal-api", "dag-processor", "api-server", "users");
    private static final JsonWriter JSON = JsonWriter.compact();

    private final CliTokens tokens;
    private final AirflowCliEmulation cli;
    private final Duration latency;
    private final Semaphore capacity;
    private final FaultQueue faults = new FaultQueue();
    private final List<ReceivedCommand> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicInteger busyAnswers = new AtomicInteger();

    WebServerHandler(CliTokens tokens, AirflowCliEmulation cli, EmulatorConfig config) {
        this.tokens = tokens;
        this.cli = cli;
        this.latency = config.cliLatency();
        this.capacity = new Semaphore(config.maxConcurrentCliCalls());
    }

    /**
     * Queues {@code next}, one fault per request.
     *
     * @throws IllegalArgumentException for {@link Fault.AwsError}, which only the MWAA API acts out
     */
    void inject(List<Fault> next) {
        for (Fault fault : next) {
            if (fault instanceof Fault.AwsError) {
                throw new IllegalArgumentException("the web server cannot act out " + fault
                        + ": AWS errors come from the MWAA API (injectControlPlaneFaults)");
            }
        }
        faults.addAll(next);
    }

    /** The injected faults not acted out yet. */
    FaultQueue faults() {
        return faults;
    }

    List<ReceivedCommand> received() {
        return List.copyOf(received);
    }

    int mostConcurrentCommands() {
        return mostRunning.get();
    }

    int busyAnswers() {
        return busyAnswers.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/aws_mwaa/cli")) {
                Exchanges.respond(exchange, 404, "text/plain", "Not Found");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                Exchanges.respond(exchange, 405, "text/plain", "Method Not Allowed");
                return;
            }
            String body = new String(Exchanges.body(exchange), StandardCharsets.UTF_8);
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            Fault fault = faults.next();
            if (fault instanceof Fault.Delay delay) {
                pause(delay.delay());
                fault = null;
            }
            if (!hasValidToken(exchange) || fault instanceof Fault.RejectToken) {
                answer(exchange, body, List.of(), contentType, 403, "application/json",
                        "{\"message\": \"The CLI token is invalid or has expired\"}");
                return;
            }
            if (fault instanceof Fault.Status status) {
                answer(exchange, body, List.of(), contentType, status.status(), "application/json", status.body());
                return;
            }
            if (fault instanceof Fault.Redirect redirect) {
                exchange.getResponseHeaders().set("Location", redirect.location());
                answer(exchange, body, List.of(), contentType, redirect.status(), "text/html", "<a>Redirecting</a>");
                return;
            }
            if (fault instanceof Fault.EchoHeaders echo) {
                answer(exchange, body, List.of(), contentType, echo.status(), "text/plain",
                        "request headers: " + new java.util.TreeMap<>(exchange.getRequestHeaders()));
                return;
            }
            if (fault instanceof Fault.DropConnection) {
                received.add(new ReceivedCommand(body, List.of(), contentType, 0));
                throw Exchanges.dropConnection();
            }
            if (fault instanceof Fault.MalformedBody) {
                answer(exchange, body, List.of(), contentType, 200, "text/html", "<html><body>Bad Gateway</body></html>");
                return;
            }
            run(exchange, body, contentType, fault);
        }
    }

    /**
     * Runs the command in one of the environment's CLI slots; {@code fault}, if any, is
     * {@link Fault.LoseAnswer}, {@link Fault.OversizedAnswer} or {@link Fault.UnreadableAnswer}. The slot is
     * freed when the command finishes, before its answer is written, so that a client that sends its next
     * command on receiving the answer never meets its own previous command still holding the slot.
     */
    private void run(HttpExchange exchange, String body, String contentType, Fault fault) throws IOException {
        if (!capacity.tryAcquire()) {
            busyAnswers.incrementAndGet();
            answer(exchange, body, List.of(), contentType, 503, "application/json",
                    "{\"message\": \"Too many concurrent CLI requests; retry later\"}");
            return;
        }
        Reply reply;
        try {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            pause(latency);
            reply = execute(body, fault);
        } finally {
            running.decrementAndGet();
            capacity.release();
        }
        if (reply.lost()) {
            received.add(new ReceivedCommand(body, reply.words(), contentType, 0));
            throw Exchanges.dropConnection();
        }
        answer(exchange, body, reply.words(), contentType, reply.status(), reply.contentType(), reply.text());
    }

    /** What running a command comes to: the answer to write, or {@code lost} if none is to arrive. */
    private record Reply(List<String> words, int status, String contentType, String text, boolean lost) {
        static Reply of(List<String> words, int status, String contentType, String text) {
            return new Reply(words, status, contentType, text, false);
        }
    }

    private Reply execute(String body, Fault fault) {
        List<String> words;
        try {
            words = ShellWords.split(body);
        } catch (ShellSyntaxException e) {
            return Reply.of(List.of(), 500, "application/json", "{\"message\": \"Internal Server Error\"}");
        }
        if (words.isEmpty() || NOT_ALLOWED_ON_MWAA.contains(words.get(0))) {
            return Reply.of(words, 500, "application/json", "{\"message\": \"Internal Server Error\"}");
        }
        CommandOutput output = cli.run(words);
        if (fault instanceof Fault.LoseAnswer) {
            return new Reply(words, 0, "", "", true);
        }
        String stdout = fault instanceof Fault.OversizedAnswer oversized
                ? output.stdout() + "\n".repeat(oversized.bytes() / 4 * 3 + 3) : output.stdout();
        if (fault instanceof Fault.UnreadableAnswer) {
            stdout = "[{\"conf\": {\"ratio\": Infinity}, \"dag_run_id\": \"?\"}]\n";
        }
        return Reply.of(words, 200, "application/json", JSON.write(JsonObject.builder()
                .put("stderr", base64(output.stderr()))
                .put("stdout", base64(stdout))
                .build()));
    }

    private boolean hasValidToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                && tokens.isValid(authorization.substring("Bearer ".length()).strip());
    }

    private void answer(HttpExchange exchange, String body, List<String> words, String contentType, int status,
            String answerType, String answer) throws IOException {
        received.add(new ReceivedCommand(body, words, contentType, status));
        Exchanges.respond(exchange, status, answerType, answer);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(Duration duration) throws IOException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
