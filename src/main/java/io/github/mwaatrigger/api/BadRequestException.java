package io.github.mwaatrigger.api;

/** The request cannot be served as it is (400); the message says why, for the caller. */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
