package io.github.mwaatrigger.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for answering an {@link HttpExchange}. */
final class Exchanges {

    /** The largest request body the emulator reads. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private Exchanges() {
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Closes the connection without an answer: the client sees the connection drop. */
    static IOException dropConnection() {
        return new IOException("connection dropped on purpose by an injected fault");
    }
}
