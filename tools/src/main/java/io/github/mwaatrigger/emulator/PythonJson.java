package io.github.mwaatrigger.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON as Python's {@code json.dumps(value)} writes it with its defaults, which is how Airflow's CLI prints
 * {@code -o json}: {@code ", "} between items, {@code ": "} after names, and {@code ensure_ascii}, so that
 * every character outside U+0020..U+007E is escaped (as <code>&#92;uxxxx</code> in lowercase, characters
 * beyond U+FFFF as their surrogate pair) but for the short escapes {@code \b \f \n \r \t}.
 */
final class PythonJson {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII) // everything above U+007F
            .characterEscapes(new EscapingDelete()) // and U+007F, which Python counts as non-ASCII too
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();
    private static final DefaultPrettyPrinter SEPARATORS = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.AFTER)
            .withArrayValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance)
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);

    private PythonJson() {
    }

    /** {@code json.dumps(value)}. */
    static String dumps(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(SEPARATORS.createInstance());
            JsonWriter.writeTo(generator, value);
        } catch (IOException e) {
            // Jackson declares it for every target; a StringWriter never fails.
            throw new UncheckedIOException("could not write to a string", e);
        }
        return out.toString();
    }

    /** JSON's escapes for ASCII, and U+007F (DEL) escaped as well. */
    private static final class EscapingDelete extends CharacterEscapes {
        private static final long serialVersionUID = 1L;

        private final int[] asciiEscapes = standardAsciiEscapesForJSON();

        EscapingDelete() {
            asciiEscapes[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // no character has an escape of its own: the standard ones suffice
        }
    }
}
