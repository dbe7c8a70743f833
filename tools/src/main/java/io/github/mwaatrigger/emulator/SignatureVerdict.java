package io.github.mwaatrigger.emulator;

/** The outcome of checking a request's AWS Signature Version 4: accepted, or rejected the way AWS would. */
public sealed interface SignatureVerdict {

    /**
     * The signature is valid.
     *
     * @param accessKeyId the access key ID that signed the request
     */
    record Accepted(String accessKeyId) implements SignatureVerdict {
    }

    /**
     * The request must be refused with this error, as AWS would refuse it.
     *
     * @param httpStatus the HTTP status code of the error response
     * @param errorType  the AWS error code, e.g. {@code InvalidSignatureException}
     * @param message    the error message; never contains a secret key or the expected signature
     */
    record Rejected(int httpStatus, String errorType, String message) implements SignatureVerdict {
    }
}
