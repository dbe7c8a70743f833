package io.github.mwaatrigger.json;

/** JSON {@code null}. */
public enum JsonNull implements JsonValue {
    /** The only instance. */
    INSTANCE
}
