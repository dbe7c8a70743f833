package io.github.mwaatrigger.mwaa;

/** Whether a CLI command may run twice without harm, which decides what the client may retry. */
public enum Idempotency {
    /**
     * Running the command again is harmless (a trigger with a fixed run id, a read). Every transient
     * failure is retried, including ones after which the command may already have run.
     */
    IDEMPOTENT,
    /**
     * The command must not run twice (an arbitrary command typed by a user). Only failures that prove the
     * command did not run are retried: the server refusing it as busy (429, 503), a rejected token, or a
     * connection that was never made.
     */
    NOT_IDEMPOTENT
}
