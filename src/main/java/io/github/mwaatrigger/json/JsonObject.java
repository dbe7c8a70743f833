package io.github.mwaatrigger.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object.
 *
 * <p>Members keep their insertion order, which is the order they are written in. Like any
 * {@link Map}, two objects are equal when they hold the same members, whatever their order.
 *
 * @param members the members by name; stored as an unmodifiable, order-preserving copy
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    private static final JsonObject EMPTY = new JsonObject(Map.of());

    /**
     * Copies the members.
     *
     * @throws NullPointerException if {@code members} or any name or value in it is {@code null}
     */
    public JsonObject {
        Map<String, JsonValue> copy = new LinkedHashMap<>(Objects.requireNonNull(members, "members"));
        copy.forEach((name, value) -> {
            Objects.requireNonNull(name, "member name");
            Objects.requireNonNull(value, "member value");
        });
        members = Collections.unmodifiableMap(copy);
    }

    /** Returns the object without members, {@code {}}. */
    public static JsonObject empty() {
        return EMPTY;
    }

    /** Returns a builder for an object whose members are written in the order they are put. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the value of the member called {@code name}, if there is one. */
    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /** Returns the text of the member called {@code name}, if there is one and it is a string. */
    public Optional<String> string(String name) {
        return members.get(name) instanceof JsonString string
                ? Optional.of(string.value())
                : Optional.empty();
    }

    /** Returns whether the object has no members. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** Collects members, in order, for a {@link JsonObject}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a member.
         *
         * @throws NullPointerException if {@code name} or {@code value} is {@code null}
         * @throws IllegalArgumentException if a member called {@code name} was already put
         */
        public Builder put(String name, JsonValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (members.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate member name " + Json.quote(name));
            }
            return this;
        }

        /** Adds a member whose value is the JSON string {@code value}. */
        public Builder put(String name, String value) {
            return put(name, new JsonString(value));
        }

        /** Adds a member whose value is the JSON number {@code value}. */
        public Builder put(String name, long value) {
            return put(name, JsonNumber.of(value));
        }

        /** Adds a member whose value is JSON {@code true} or {@code false}. */
        public Builder put(String name, boolean value) {
            return put(name, JsonBoolean.of(value));
        }

        /** Adds a member whose value is JSON {@code null}. */
        public Builder putNull(String name) {
            return put(name, JsonNull.INSTANCE);
        }

        /** Returns an object holding the members put so far; the builder stays usable. */
        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
