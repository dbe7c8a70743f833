package io.github.mwaatrigger.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A request the emulated web server received on {@code /aws_mwaa/cli}, as sent, and how it answered.
 *
 * @param body        the request body exactly as received
 * @param words       the body split as MWAA splits it (empty if it could not be split)
 * @param contentType the request's {@code Content-Type}
 * @param status      the HTTP status of the answer (0 when the connection was dropped)
 */
public record ReceivedCommand(String body, List<String> words, String contentType, int status) {

    public ReceivedCommand {
        Objects.requireNonNull(body, "body");
        words = List.copyOf(words);
    }
}
