package io.github.mwaatrigger.emulator;

import java.io.UncheckedIOException;
import java.net.BindException;

/**
 * A local server could not listen on the port it was given, because something else already does. The
 * emulator and the local API Gateway throw it, so that the command line can name the port and the option
 * that chose it instead of showing a stack trace.
 */
public final class PortInUseException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    public PortInUseException(String host, int port, BindException cause) {
        super(host + ":" + port + " is already in use", cause);
        this.host = host;
        this.port = port;
    }

    /** The address it tried, e.g. {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
