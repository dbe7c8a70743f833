package io.github.mwaatrigger.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the decoded text; may hold any UTF-16 code units, unpaired surrogates included,
 *     because JSON's <code>&#92;u</code> escapes can express them
 */
public record JsonString(String value) implements JsonValue {

    /** @throws NullPointerException if {@code value} is {@code null} */
    public JsonString {
        Objects.requireNonNull(value, "value");
    }
}
