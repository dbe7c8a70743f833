/**
 * A strict, dependency-free RFC 8259 JSON model, parser and writer.
 *
 * <p>{@link io.github.mwaatrigger.json.JsonValue} and its immutable implementations model a
 * document; {@link io.github.mwaatrigger.json.Json} parses text into that model and rejects
 * anything RFC 8259 does not allow (and duplicate member names); {@link
 * io.github.mwaatrigger.json.JsonWriter} turns the model back into text, either compactly or
 * byte for byte like Python's {@code json.dumps}.
 */
package io.github.mwaatrigger.json;
