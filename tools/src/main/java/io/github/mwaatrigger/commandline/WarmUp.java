package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.mwaa.TlsWarmUp;

/**
 * Work a one-shot command needs anyway, started on other threads while the main thread parses its
 * arguments and builds its request: on two cores, they overlap.
 */
final class WarmUp {

    private WarmUp() {
    }

    /** Loads the TLS stack ({@link TlsWarmUp}) on a second thread. */
    static void start() {
        inBackground("tls-warm-up", TlsWarmUp::run);
    }

    /** Runs {@code work} on a daemon thread; a failure there is left for the main thread to meet. */
    static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // Only an optimization: the main thread does the same work and reports any real problem.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
