package io.github.mwaatrigger.json;

import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements in order; stored as an unmodifiable copy
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    /**
     * Copies the elements.
     *
     * @throws NullPointerException if {@code elements} or any element is {@code null}
     */
    public JsonArray {
        elements = List.copyOf(elements);
    }
}
