package dev.lifeboat.adapter.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the line of every key and table header in TOML text.
 *
 * <p>Jackson's TOML parser builds its whole tree before handing out tokens, so its tokens carry no location (only its
 * syntax errors do). This scanner walks the same text a second time for the one thing the tree lacks: where each key
 * was written. It runs on text the parser has checked, so it skims values rather than checking them; for keys
 * it decodes quoted names exactly as the parser does, so both agree on every key's name. Keys inside arrays are not
 * recorded, nor those of an array of tables ({@code [[name]]}): lifeboat's format has no arrays, so nothing inside
 * one is ever looked up.
 *
 * <p>It also finds the first key or table written twice, for the parser's "Duplicate key" error, which points at the
 * token after the duplicate, often a line or more below it, and does not say which key it is.
 *
 * <p>Over 300 lines on purpose: it is one recursive-descent scanner whose rules (headers, keys, values, the quoted
 * strings) all move one cursor and its line count; split, the cursor would be handed between classes and the
 * decoding of quoted keys, which must match the parser's, would be read apart from where keys are recorded.
 */
final class KeyLineScanner {

    private final String text;
    private final Map<KeyPath, Integer> lines = new HashMap<>();
    /** Keys given a value and tables given a header: each may be written only once. */
    private final Set<KeyPath> defined = new HashSet<>();
    /** Tables made by dotted keys ({@code shop.location = ...}), which no header may open again. */
    private final Set<KeyPath> madeByDottedKeys = new HashSet<>();
    /** Arrays of tables: each [[name]] starts a new element, so their keys and sub-tables repeat legitimately. */
    private final Set<KeyPath> arraysOfTables = new HashSet<>();
    private Optional<KeyLines.Duplicate> firstDuplicate = Optional.empty();
    private int position;
    private int line = 1;

    private KeyLineScanner(String text) {
        this.text = text;
    }

    static KeyLines scan(String text) {
        KeyLineScanner scanner = new KeyLineScanner(text);
        scanner.document();
        return new KeyLines(scanner.lines, scanner.firstDuplicate);
    }

    private void document() {
        // empty inside an array of tables ([[name]]), whose keys are not recorded
        Optional<KeyPath> table = Optional.of(KeyPath.ROOT);
        while (true) {
            skipBlankLinesAndComments();
            if (atEnd()) {
                return;
            }
            int start = position;
            if (peek() == '[') {
                table = header();
            } else {
                keyValue(table);
            }
            if (position == start) {
                advance();
            }
        }
    }

    private Optional<KeyPath> header() {
        int headerLine = line;
        boolean arrayOfTables = text.startsWith("[[", position);
        position += arrayOfTables ? 2 : 1;
        KeyPath key = key();
        skipSpaces();
        while (peek() == ']') {
            advance();
        }
        if (key.isRoot()) {
            return Optional.empty();
        }
        recordImplicit(KeyPath.ROOT, key, headerLine);
        if (arrayOfTables) {
            arraysOfTables.add(key);
            return Optional.empty();
        }
        for (int length = 1; length <= key.length(); length++) {
            if (arraysOfTables.contains(key.prefix(length))) {
                return Optional.empty();
            }
        }
        if (madeByDottedKeys.contains(key)) {
            duplicate(key, headerLine);
        }
        define(key, headerLine);
        // a table's own header wins over an earlier [table.sub] header that made it implicitly
        lines.put(key, headerLine);
        return Optional.of(key);
    }

    private void keyValue(Optional<KeyPath> table) {
        int keyLine = line;
        KeyPath key = key();
        skipSpaces();
        if (peek() == '=') {
            advance();
        }
        skipSpaces();
        if (table.isPresent() && !key.isRoot()) {
            KeyPath fullKey = table.get().resolve(key);
            define(fullKey, keyLine);
            for (int length = 1; length < key.length(); length++) {
                madeByDottedKeys.add(table.get().resolve(key.prefix(length)));
            }
            recordImplicit(table.get(), key, keyLine);
            value(Optional.of(fullKey));
        } else {
            value(Optional.empty());
        }
    }

    private void define(KeyPath key, int line) {
        if (!defined.add(key)) {
            duplicate(key, line);
        }
    }

    private void duplicate(KeyPath key, int line) {
        if (firstDuplicate.isEmpty()) {
            firstDuplicate = Optional.of(new KeyLines.Duplicate(key, lines.getOrDefault(key, line), line));
        }
    }

    /** Records the line of a key and of every table its dots make, unless an earlier line already has them. */
    private void recordImplicit(KeyPath table, KeyPath key, int keyLine) {
        for (int length = 1; length <= key.length(); length++) {
            lines.putIfAbsent(table.resolve(key.prefix(length)), keyLine);
        }
    }

    private void value(Optional<KeyPath> key) {
        char c = peek();
        if (text.startsWith("\"\"\"", position)) {
            skipMultiLineString("\"\"\"", true);
        } else if (text.startsWith("'''", position)) {
            skipMultiLineString("'''", false);
        } else if (c == '"') {
            basicString();
        } else if (c == '\'') {
            literalString();
        } else if (c == '[') {
            array();
        } else if (c == '{') {
            inlineTable(key);
        } else {
            // numbers, booleans, dates and times: none contains a delimiter, though a date-time may hold a space
            while (!atEnd() && "\r\n,]}#".indexOf(peek()) < 0) {
                advance();
            }
        }
    }

    private void array() {
        advance();
        while (!atEnd()) {
            skipBlankLinesAndComments();
            if (peek() == ']') {
                advance();
                return;
            }
            int start = position;
            value(Optional.empty());
            skipBlankLinesAndComments();
            if (peek() == ',') {
                advance();
            }
            if (position == start) {
                advance();
            }
        }
    }

    private void inlineTable(Optional<KeyPath> key) {
        advance();
        while (!atEnd()) {
            skipBlankLinesAndComments();
            if (peek() == '}') {
                advance();
                return;
            }
            int start = position;
            keyValue(key);
            skipBlankLinesAndComments();
            if (peek() == ',') {
                advance();
            }
            if (position == start) {
                advance();
            }
        }
    }

    /** A dotted key such as {@code a."b.c".'d'}; the root path when there is none here. */
    private KeyPath key() {
        List<String> segments = new ArrayList<>();
        while (true) {
            skipSpaces();
            char c = peek();
            if (c == '"') {
                segments.add(basicString());
            } else if (c == '\'') {
                segments.add(literalString());
            } else if (isBareKeyCharacter(c)) {
                int start = position;
                while (isBareKeyCharacter(peek())) {
                    advance();
                }
                segments.add(text.substring(start, position));
            } else {
                break;
            }
            skipSpaces();
            if (peek() != '.') {
                break;
            }
            advance();
        }
        return new KeyPath(segments);
    }

    private static boolean isBareKeyCharacter(char c) {
        return c == '_' || c == '-' || Character.isLetterOrDigit(c);
    }

    private String basicString() {
        advance();
        StringBuilder value = new StringBuilder();
        while (!atEnd() && peek() != '"' && peek() != '\n') {
            char c = advance();
            if (c == '\\' && !atEnd()) {
                unescape(advance(), value);
            } else {
                value.append(c);
            }
        }
        if (peek() == '"') {
            advance();
        }
        return value.toString();
    }

    private void unescape(char escape, StringBuilder value) {
        switch (escape) {
            case 'b' -> value.append('\b');
            case 't' -> value.append('\t');
            case 'n' -> value.append('\n');
            case 'f' -> value.append('\f');
            case 'r' -> value.append('\r');
            case 'e' -> value.append('\u001b');
            case 'u' -> value.appendCodePoint(hex(4));
            case 'U' -> value.appendCodePoint(hex(8));
            case 'x' -> value.appendCodePoint(hex(2));
            default -> value.append(escape);
        }
    }

    private int hex(int digits) {
        int end = Math.min(position + digits, text.length());
        String hex = text.substring(position, end);
        position = end;
        try {
            int codePoint = Integer.parseInt(hex, 16);
            return Character.isValidCodePoint(codePoint) ? codePoint : '\uFFFD';
        } catch (NumberFormatException e) {
            return '\uFFFD';
        }
    }

    private String literalString() {
        advance();
        int start = position;
        while (!atEnd() && peek() != '\'' && peek() != '\n') {
            advance();
        }
        String value = text.substring(start, position);
        if (peek() == '\'') {
            advance();
        }
        return value;
    }

    private void skipMultiLineString(String delimiter, boolean escapes) {
        position += delimiter.length();
        while (!atEnd()) {
            if (escapes && peek() == '\\') {
                advance();
                if (!atEnd()) {
                    advance();
                }
            } else if (text.startsWith(delimiter, position)) {
                position += delimiter.length();
                // up to two quotes right before the closing delimiter belong to the string: """a""""
                for (int extra = 0; extra < 2 && peek() == delimiter.charAt(0); extra++) {
                    advance();
                }
                return;
            } else {
                advance();
            }
        }
    }

    private void skipSpaces() {
        while (peek() == ' ' || peek() == '\t') {
            advance();
        }
    }

    private void skipBlankLinesAndComments() {
        while (!atEnd()) {
            char c = peek();
            if (c == '#') {
                while (!atEnd() && peek() != '\n') {
                    advance();
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else {
                return;
            }
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    /** The next character, or NUL at the end, which no rule matches. */
    private char peek() {
        return atEnd() ? '\0' : text.charAt(position);
    }

    private char advance() {
        char c = text.charAt(position++);
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
