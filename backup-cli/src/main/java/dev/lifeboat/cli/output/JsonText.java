package dev.lifeboat.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The command line's JSON output, written by Jackson: maps in their iteration order, lists, strings, numbers,
 * booleans and null, instants as ISO-8601 strings, optionals as their value or null, a double that is not a number as
 * null; two-space indentation, {@code "key": value}, {@code {}} and {@code []} when empty, a newline at the end.
 * Control characters and the line and paragraph separators are escaped as {@code \}{@code u00xx}, so a document is one
 * JavaScript-safe text. The format is what the hand-written writer before it produced, byte for byte.
 */
public final class JsonText {

    private static final ObjectWriter WRITER = JsonMapper.builder()
            .addModule(new SimpleModule("lifeboat-cli")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(new OptionalSerializer())
                    .addSerializer(Double.class, new FiniteDoubleSerializer()))
            .build()
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
            .with(new ControlCharacterEscapes());

    private JsonText() {
    }

    /** A document (a map, a list or a single value) as pretty-printed JSON ending with a newline. */
    public static String of(Object document) {
        try {
            return WRITER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            // the documents are built here from maps, lists and values; anything else is a bug, not a user's mistake
            throw new IllegalArgumentException("no JSON form for " + document, e);
        }
    }

    /** An optional is its value, or null. */
    private static final class OptionalSerializer extends StdSerializer<Optional<?>> {

        @SuppressWarnings({"unchecked", "rawtypes"})
        OptionalSerializer() {
            super((Class) Optional.class);
        }

        @Override
        public void serialize(Optional<?> value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), generator);
            } else {
                generator.writeNull();
            }
        }
    }

    /** JSON has no NaN or infinity: such a double is null. */
    private static final class FiniteDoubleSerializer extends StdSerializer<Double> {

        FiniteDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                generator.writeNull();
            } else {
                generator.writeNumber(value);
            }
        }
    }

    /** Control characters, U+2028 and U+2029 as lower-case {@code \}{@code uXXXX}; quote and backslash as usual. */
    private static final class ControlCharacterEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii;

        ControlCharacterEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
