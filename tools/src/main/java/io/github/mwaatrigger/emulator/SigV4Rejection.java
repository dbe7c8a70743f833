package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.emulator.SignatureVerdict.Rejected;

/**
 * Signals, inside the verifier, that a request must be rejected; carries the verdict to return.
 *
 * <p>The factory methods name the error types that AWS returns for authentication failures. The
 * exception records no stack trace: it is control flow, not a fault.
 */
final class SigV4Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Rejected verdict;

    private SigV4Rejection(int httpStatus, String errorType, String message) {
        super(message, null, false, false);
        this.verdict = new Rejected(httpStatus, errorType, message);
    }

    /** The request carries no authentication at all. */
    static SigV4Rejection missingAuthenticationToken() {
        return new SigV4Rejection(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    /** The authentication information is malformed or incomplete. */
    static SigV4Rejection incompleteSignature(String message) {
        return new SigV4Rejection(400, "IncompleteSignatureException", message);
    }

    /** The access key ID is not known. */
    static SigV4Rejection unrecognizedClient() {
        return new SigV4Rejection(
                403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    /** The signature is well formed but not acceptable. */
    static SigV4Rejection invalidSignature(String message) {
        return new SigV4Rejection(403, "InvalidSignatureException", message);
    }

    Rejected verdict() {
        return verdict;
    }
}
