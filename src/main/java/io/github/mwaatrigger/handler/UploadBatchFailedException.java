package io.github.mwaatrigger.handler;

/**
 * Some objects of an S3 event could not be triggered. Thrown after every object was tried, so that
 * Lambda retries the event (safe: run ids are deterministic, the objects already triggered are
 * recognised) and finally parks it in the function's failure destination.
 */
public final class UploadBatchFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UploadBatchFailedException(String message) {
        super(message);
    }
}
