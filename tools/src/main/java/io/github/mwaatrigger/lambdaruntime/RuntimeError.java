package io.github.mwaatrigger.lambdaruntime;

import java.util.Objects;

/**
 * An error a runtime reported outside an invocation ({@code /init/error}, {@code /restore/error}).
 *
 * @param path      where it was reported, e.g. {@code /2018-06-01/runtime/init/error}
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header, empty if none was sent
 * @param body      the error document
 */
public record RuntimeError(String path, String errorType, String body) {

    public RuntimeError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(body, "body");
    }
}
