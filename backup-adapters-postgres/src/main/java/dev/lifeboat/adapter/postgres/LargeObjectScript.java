package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.domain.error.IncompatibleException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The archive's {@code data/large-objects.sql}: every large object as psql statements, one statement per line, so
 * that {@code psql -v ON_ERROR_STOP=1 -o /dev/null -f data/large-objects.sql} restores them by hand:
 *
 * <pre>
 * BEGIN;
 * SELECT pg_catalog.lo_create('16400');
 * SELECT pg_catalog.lo_put('16400', 0, '\x4c69666562...');
 * ALTER LARGE OBJECT 16400 OWNER TO "alice";
 * GRANT SELECT ON LARGE OBJECT 16400 TO "bob";
 * COMMENT ON LARGE OBJECT 16400 IS 'the signed contract';
 * COMMIT;
 * </pre>
 *
 * <p>A line holds at most {@link #LINE_BYTES} bytes of contents, so the part is written and loaded with flat memory
 * whatever an object's size. A transaction holds at most {@link #OBJECTS_PER_TRANSACTION} objects, as pg_dump
 * batches them: each owner, privilege and comment statement locks its object until the transaction ends, and a
 * server has room for a bounded number of locks. lifeboat runs the same lines, leaving out the owner or privilege
 * lines when asked.
 */
final class LargeObjectScript {

    /** Bytes of contents per {@code lo_put} line: twice as many hex digits. */
    static final int LINE_BYTES = 1 << 16;
    /** Objects per transaction. */
    static final int OBJECTS_PER_TRANSACTION = 1000;

    private static final String HEADER = """
            -- lifeboat large objects: run with psql -o /dev/null after data.psql, before schema/post-data.sql
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            """;
    private static final String BEGIN = "BEGIN;";
    private static final String COMMIT = "COMMIT;";
    private static final String CREATE = "SELECT pg_catalog.lo_create('";
    private static final String PUT = "SELECT pg_catalog.lo_put('";
    private static final Pattern CREATE_LINE = Pattern.compile("SELECT pg_catalog\\.lo_create\\('(\\d+)'\\);");
    private static final Pattern PUT_LINE = Pattern.compile(
            "SELECT pg_catalog\\.lo_put\\('(\\d+)', (\\d+), '\\\\x([0-9a-f]*)'\\);");
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** What a line does. */
    enum Kind {
        SETTING, BEGIN, COMMIT, CREATE, CONTENTS, OWNER, PRIVILEGE, COMMENT
    }

    /**
     * A piece of an object's contents, as a {@link Kind#CONTENTS} line gives it.
     *
     * @param oid    the object
     * @param offset where the piece goes
     * @param bytes  the piece
     */
    record Contents(long oid, long offset, byte[] bytes) {
    }

    /**
     * One statement of the script.
     *
     * @param kind what it does
     * @param sql  the statement with its semicolon
     */
    record Line(Kind kind, String sql) {

        /** The OID a {@link Kind#CREATE} line creates. */
        long createdOid() {
            var matcher = CREATE_LINE.matcher(sql);
            if (kind != Kind.CREATE || !matcher.matches()) {
                throw new IllegalStateException("not a lo_create line: " + sql);
            }
            return Long.parseLong(matcher.group(1));
        }

        /** The piece of contents a {@link Kind#CONTENTS} line puts. */
        Contents contents() {
            var matcher = PUT_LINE.matcher(sql);
            if (kind != Kind.CONTENTS || !matcher.matches() || matcher.group(3).length() % 2 != 0) {
                throw new IncompatibleException(ArchiveLayout.LARGE_OBJECTS + " has a damaged lo_put line: "
                        + (sql.length() > 80 ? sql.substring(0, 80) + " ..." : sql));
            }
            return new Contents(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    HexFormat.of().parseHex(matcher.group(3)));
        }
    }

    private LargeObjectScript() {
    }

    /**
     * A line of the script read back; empty for psql comments and blank lines. A line of any other shape is refused:
     * the script is run as it is read, before the part's checksum can be checked at its end.
     */
    static Optional<Line> parse(String line) {
        if (line.isBlank() || line.startsWith("--")) {
            return Optional.empty();
        }
        Kind kind;
        if (!line.endsWith(";")) {
            kind = null;
        } else if (line.equals(BEGIN)) {
            kind = Kind.BEGIN;
        } else if (line.equals(COMMIT)) {
            kind = Kind.COMMIT;
        } else if (CREATE_LINE.matcher(line).matches()) {
            kind = Kind.CREATE;
        } else if (line.startsWith(PUT) && line.endsWith("');")) {
            kind = Kind.CONTENTS;
        } else if (line.startsWith("ALTER LARGE OBJECT ")) {
            kind = Kind.OWNER;
        } else if ((line.startsWith("GRANT ") || line.startsWith("REVOKE ")) && line.contains(" ON LARGE OBJECT ")) {
            kind = Kind.PRIVILEGE;
        } else if (line.startsWith("COMMENT ON LARGE OBJECT ")) {
            kind = Kind.COMMENT;
        } else if (line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config(")) {
            kind = Kind.SETTING;
        } else {
            kind = null;
        }
        if (kind == null) {
            throw new IncompatibleException(ArchiveLayout.LARGE_OBJECTS + " has a line lifeboat does not know: "
                    + (line.length() > 80 ? line.substring(0, 80) + " ..." : line));
        }
        return Optional.of(new Line(kind, line));
    }

    /** Writes the script: each object's creation and contents, then its owner, privilege and comment statements. */
    static final class Writer {

        private final OutputStream out;
        private final byte[] hex = new byte[LINE_BYTES * 2];
        private long objects;

        Writer(OutputStream part) throws IOException {
            this.out = new BufferedOutputStream(part, 1 << 16);
            ascii(HEADER + BEGIN + "\n");
        }

        /** Starts an object: {@code lo_create}, in a new transaction every {@link #OBJECTS_PER_TRANSACTION}. */
        void create(long oid) throws IOException {
            if (objects > 0 && objects % OBJECTS_PER_TRANSACTION == 0) {
                ascii(COMMIT + "\n" + BEGIN + "\n");
            }
            objects++;
            ascii(CREATE + oid + "');\n");
        }

        /** A piece of the object's contents, at its offset: one {@code lo_put} line per {@link #LINE_BYTES}. */
        void contents(long oid, long offset, byte[] bytes, int length) throws IOException {
            for (int at = 0; at < length; at += LINE_BYTES) {
                int size = Math.min(LINE_BYTES, length - at);
                for (int i = 0; i < size; i++) {
                    int b = bytes[at + i] & 0xFF;
                    hex[2 * i] = HEX_DIGITS[b >>> 4];
                    hex[2 * i + 1] = HEX_DIGITS[b & 0x0F];
                }
                ascii(PUT + oid + "', " + (offset + at) + ", '\\x");
                out.write(hex, 0, 2 * size);
                ascii("');\n");
            }
        }

        /** An owner, privilege or comment statement of the object, on one line. */
        void statement(SchemaStatement statement) throws IOException {
            out.write((oneLine(statement.sql()) + ";\n").getBytes(StandardCharsets.UTF_8));
        }

        /** Ends the last transaction and flushes; the caller closes the part. */
        void finish() throws IOException {
            ascii(COMMIT + "\n");
            out.flush();
        }

        private void ascii(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * The statement on one line: a line break inside a quoted identifier or a string literal (a comment's text, a
     * role's name) is written as an escape instead, {@code U&"a\000Ab"} or {@code E'a\nb'}, which mean the same
     * under standard_conforming_strings, as the script sets it. Everything else is as written.
     */
    static String oneLine(String sql) {
        if (sql.indexOf('\n') < 0 && sql.indexOf('\r') < 0) {
            return sql;
        }
        StringBuilder line = new StringBuilder(sql.length() + 16);
        int at = 0;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (c == '"') {
                int end = closing(sql, at, '"', false);
                String body = sql.substring(at + 1, end);
                if (hasLineBreak(body)) {
                    line.append("U&\"").append(body.replace("\\", "\\\\").replace("\n", "\\000A")
                            .replace("\r", "\\000D")).append('"');
                } else {
                    line.append(sql, at, end + 1);
                }
                at = end + 1;
            } else if (c == '\'') {
                boolean escapes = at > 0 && (sql.charAt(at - 1) == 'E' || sql.charAt(at - 1) == 'e');
                int end = closing(sql, at, '\'', escapes);
                String body = sql.substring(at + 1, end);
                if (hasLineBreak(body)) {
                    if (!escapes) {
                        line.append('E');
                        body = body.replace("\\", "\\\\");
                    }
                    line.append('\'').append(body.replace("\n", "\\n").replace("\r", "\\r")).append('\'');
                } else {
                    line.append(sql, at, end + 1);
                }
                at = end + 1;
            } else if (c == '\n' || c == '\r') {
                line.append(' ');
                at++;
            } else {
                line.append(c);
                at++;
            }
        }
        return line.toString();
    }

    /** Where the quoted text opened at {@code open} closes; a doubled quote, or an escaped one, is part of it. */
    private static int closing(String sql, int open, char quote, boolean backslashEscapes) {
        int at = open + 1;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (backslashEscapes && c == '\\') {
                at += 2;
            } else if (c == quote) {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == quote) {
                    at += 2;
                } else {
                    return at;
                }
            } else {
                at++;
            }
        }
        throw new IllegalArgumentException("unterminated quoted text in: " + sql);
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }
}
