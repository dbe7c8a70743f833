package io.github.mwaatrigger.lambdaruntime;

/** The runtime reported that it could not start ({@code /init/error} or {@code /restore/error}). */
public final class RuntimeStartFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RuntimeError error;

    public RuntimeStartFailedException(RuntimeError error) {
        super("the runtime reported a failed start at " + error.path() + " (" + error.errorType() + "): " + error.body());
        this.error = error;
    }

    public RuntimeError error() {
        return error;
    }
}
