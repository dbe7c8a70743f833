package io.github.mwaatrigger.json;

/**
 * An immutable JSON value: one of the six kinds RFC 8259 defines.
 *
 * <p>Use {@code instanceof} patterns to take a value apart; the interface is sealed, so the
 * permitted types are all there is.
 */
public sealed interface JsonValue
        permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
}
