package dev.lifeboat.adapter.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The smallest JSON the lock object needs: one object whose values are strings or whole numbers. Jackson stays in the
 * archive and configuration modules; a lock object is a dozen fields a person reads with {@code aws s3 cp ... -}.
 */
final class FlatJson {

    private FlatJson() {
    }

    /** One field a line, in the map's order; values that are {@link Long}s are written as numbers. */
    static String write(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{\n");
        int left = fields.size();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.append("  ");
            quote(field.getKey(), json);
            json.append(": ");
            if (field.getValue() instanceof Long number) {
                json.append(number);
            } else {
                quote(String.valueOf(field.getValue()), json);
            }
            json.append(--left > 0 ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    /**
     * The fields of an object of strings and numbers (numbers as their text), empty when the text is anything else:
     * nested values, arrays, true, false, null, trailing text or broken syntax.
     */
    static Optional<Map<String, String>> read(String text) {
        Reader reader = new Reader(text);
        try {
            return Optional.of(reader.object());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void quote(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A recursive-descent reader of the one shape {@link #write} produces; anything else throws. */
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Map<String, String> object() {
            Map<String, String> fields = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                at++;
            } else {
                do {
                    String key = string();
                    expect(':');
                    String value = peek() == '"' ? string() : number();
                    if (fields.put(key, value) != null) {
                        throw new IllegalArgumentException("duplicate field " + key);
                    }
                } while (next() == ',');
                at--;
                expect('}');
            }
            skipSpace();
            if (at != text.length()) {
                throw new IllegalArgumentException("text after the object");
            }
            return fields;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = raw();
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = raw();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("short unicode escape");
                        }
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("unknown escape");
                }
            }
        }

        private String number() {
            skipSpace();
            int start = at;
            if (at < text.length() && text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start || text.charAt(at - 1) == '-') {
                throw new IllegalArgumentException("not a string or a whole number");
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }

        /** The next character that is not white space. */
        private char next() {
            skipSpace();
            return raw();
        }

        private char peek() {
            skipSpace();
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(at);
        }

        private char raw() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(at++);
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }
    }
}
