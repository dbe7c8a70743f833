package io.github.mwaatrigger.handler;

/** API Gateway's event holds a request that cannot be read (400); the message says what was wrong. */
final class UnreadableRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableRequestException(String message) {
        super(message);
    }
}
