package io.github.mwaatrigger.handler;

/**
 * The upload function was sent something that is neither an S3 notification nor S3's EventBridge
 * {@code Object Created} event; the message says what arrived and what is expected. Nothing was triggered.
 */
final class UnrecognizedUploadEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnrecognizedUploadEventException(String message) {
        super(message);
    }
}
