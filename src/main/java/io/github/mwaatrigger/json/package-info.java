/**
 * An immutable JSON model over jackson-core's streaming parser and generator.
 *
 * <p>{@link io.github.mwaatrigger.json.JsonValue} and its implementations model a document with every
 * number kept as its source text; {@link io.github.mwaatrigger.json.Json} parses text into that model,
 * refusing anything RFC 8259 does not allow, duplicate member names, and text beyond its limits, with
 * messages that never quote the input; {@link io.github.mwaatrigger.json.JsonWriter} turns the model back
 * into text. Jackson's types stay behind this package, but for the one method that writes a value to a
 * Jackson generator.
 */
package io.github.mwaatrigger.json;
