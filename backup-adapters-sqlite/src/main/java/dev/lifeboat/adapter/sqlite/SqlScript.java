package dev.lifeboat.adapter.sqlite;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a SQL script for the sqlite3 shell, and SQLite's literals: text quoted with its quotes doubled (or,
 * when it is not UTF-8 or holds a NUL, its exact bytes cast from a blob), blobs as {@code X'..'}, reals in a
 * form that reads back as the same double, integers in decimal.
 */
final class SqlScript implements AutoCloseable {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    SqlScript(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    SqlScript text(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    SqlScript line(String text) throws IOException {
        return text(text).text("\n");
    }

    /** An integer in decimal; SQLite reads -9223372036854775808 as the integer too. */
    SqlScript integer(long value) throws IOException {
        return text(Long.toString(value));
    }

    /**
     * A real as text that SQLite reads back as the same double: Java's shortest round-trip digits, and SQLite's
     * spelling of the infinities (a number too big for a double). SQLite stores no NaN.
     */
    SqlScript real(double value) throws IOException {
        if (Double.isInfinite(value)) {
            return text(value > 0 ? "1e999" : "-1e999");
        }
        return text(Double.toString(value));
    }

    /** Text given as its bytes in the database's encoding (UTF-8 here): quoted when possible, else cast from its bytes. */
    SqlScript utf8Text(byte[] bytes) throws IOException {
        if (isPlainUtf8(bytes)) {
            out.write('\'');
            for (byte b : bytes) {
                if (b == '\'') {
                    out.write('\'');
                }
                out.write(b);
            }
            out.write('\'');
            return this;
        }
        text("CAST(");
        blob(bytes);
        return text(" AS TEXT)");
    }

    /** Text read as a Java string (a database in UTF-16, converted by SQLite): quoted. */
    SqlScript quoted(String text) throws IOException {
        return text("'" + text.replace("'", "''") + "'");
    }

    SqlScript blob(byte[] bytes) throws IOException {
        out.write('X');
        out.write('\'');
        for (byte b : bytes) {
            out.write(HEX[(b >> 4) & 0xF]);
            out.write(HEX[b & 0xF]);
        }
        out.write('\'');
        return this;
    }

    /** Valid UTF-8 without NUL: the sqlite3 shell reads it inside quotes exactly as it is. */
    private static boolean isPlainUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Flushes what is buffered; the stream underneath stays open (it belongs to the caller). */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
