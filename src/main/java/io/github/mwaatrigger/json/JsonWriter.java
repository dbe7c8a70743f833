package io.github.mwaatrigger.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@link JsonValue}s as JSON text with jackson-core's generator. Thread-safe.
 *
 * <p>The compact form is what API responses and the functions' outputs are made of, so it is fixed byte for
 * byte: no whitespace, members in insertion order, numbers as their source text, {@code "} and {@code \}
 * escaped, control characters below U+0020 as {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t} or
 * <code>&#92;u00xx</code> with lowercase hex digits (as Python writes them), and everything else, {@code /}
 * and non-ASCII included, as it is.
 */
public final class JsonWriter {

    private static final JsonWriter COMPACT = new JsonWriter(JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build());

    private final JsonFactory factory;

    private JsonWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /** Returns the writer of the shortest form, {@code {"a":1,"b":[true,null]}}. */
    public static JsonWriter compact() {
        return COMPACT;
    }

    /** Returns {@code value} as JSON text. */
    public String write(JsonValue value) {
        Objects.requireNonNull(value, "value");
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            writeTo(generator, value);
        } catch (IOException e) {
            // Jackson declares it for every target; a StringWriter never fails.
            throw new UncheckedIOException("could not write to a string", e);
        }
        return out.toString();
    }

    /**
     * Writes {@code value} to {@code generator}, which decides the layout and the escapes: for other forms
     * of JSON text than {@link #compact()}.
     */
    public static void writeTo(JsonGenerator generator, JsonValue value) throws IOException {
        if (value instanceof JsonObject object) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                generator.writeFieldName(member.getKey());
                writeTo(generator, member.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof JsonArray array) {
            generator.writeStartArray();
            for (JsonValue element : array.elements()) {
                writeTo(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof JsonString string) {
            generator.writeString(string.value());
        } else if (value instanceof JsonNumber number) {
            generator.writeNumber(number.text());
        } else if (value instanceof JsonBoolean bool) {
            generator.writeBoolean(bool.value());
        } else {
            generator.writeNull(); // JsonNull, the last permitted type
        }
    }
}
