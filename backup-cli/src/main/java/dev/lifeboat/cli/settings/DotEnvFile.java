package dev.lifeboat.cli.settings;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one {@code .env} file, as docker compose and python-dotenv read them: {@code KEY=value} a line, an optional
 * {@code export } before the key, blank lines and lines starting with {@code #} left out; a value in double quotes
 * may span lines and takes the escapes {@code \n}, {@code \t}, {@code \r}, {@code \"} and {@code \\}; in single quotes
 * it is taken as written, also across lines; unquoted, it ends at a {@code #} after a space, and is trimmed. After a
 * closing quote only a comment may follow. A later definition of a key wins. Nothing is expanded: {@code $OTHER}
 * stays as it is. Any other line is an error naming the file and line, never the line's text, which may hold a
 * password.
 */
final class DotEnvFile {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)", Pattern.DOTALL);
    private static final Pattern ONLY_COMMENT = Pattern.compile("\\s*(#.*)?");

    /**
     * A value and where it was written.
     *
     * @param origin file name and line, such as {@code .env:3}
     */
    record Entry(String value, String origin) {
    }

    private DotEnvFile() {
    }

    /** Reads a file; {@code name} is how messages and origins call it ({@code .env}). */
    static Map<String, Entry> read(Path file, String name) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidUsageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, name);
    }

    static Map<String, Entry> parse(String text, String name) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                throw new InvalidUsageException(name + ":" + lineNumber + ": not a KEY=VALUE line (a comment starts"
                        + " with #)");
            }
            String key = assignment.group(1);
            String rest = assignment.group(2);
            String value;
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                char quote = rest.charAt(0);
                StringBuilder raw = new StringBuilder(rest.substring(1));
                int closing = closingQuote(raw, quote);
                while (closing < 0 && i + 1 < lines.size()) {
                    raw.append('\n').append(lines.get(++i));
                    closing = closingQuote(raw, quote);
                }
                if (closing < 0) {
                    throw new InvalidUsageException(name + ":" + lineNumber + ": the quoted value of " + key
                            + " is never closed");
                }
                if (!ONLY_COMMENT.matcher(raw.substring(closing + 1)).matches()) {
                    throw new InvalidUsageException(name + ":" + lineNumber + ": after the quoted value of " + key
                            + " only a comment may follow");
                }
                String quoted = raw.substring(0, closing);
                value = quote == '"' ? unescape(quoted) : quoted;
            } else {
                int comment = unquotedComment(rest);
                value = (comment < 0 ? rest : rest.substring(0, comment)).strip();
            }
            entries.put(key, new Entry(value, name + ":" + lineNumber));
        }
        return entries;
    }

    /** Where the closing quote is: for double quotes, the first one no backslash escapes. */
    private static int closingQuote(CharSequence text, char quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static int unquotedComment(String value) {
        if (value.startsWith("#")) {
            return 0;
        }
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"', '\\', '$' -> out.append(next);
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
