package org.example.lifeboat.csv;

import dev.lifeboat.domain.error.UnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads CSV (RFC 4180) one record at a time, so a table of any size costs one row of memory: fields separated by
 * commas, a field in double quotes may hold commas, line breaks and doubled quotes; lines end in LF or CRLF. Empty
 * lines are no records. The text must be UTF-8.
 */
final class CsvRecords {

    private static final int NONE = -2;

    private final Reader in;
    private final String source;
    private final StringBuilder field = new StringBuilder();
    private long line = 1;
    private int pushedBack = NONE;

    /** @param source what is being read, for messages: a file or a part */
    CsvRecords(InputStream in, String source) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        this.source = source;
    }

    /**
     * Reads the next record into {@code fields} (cleared first).
     *
     * @return false at the end of the input
     * @throws UnavailableException when the text is not CSV (an unclosed quote, text after a closing quote)
     */
    boolean next(List<String> fields) throws IOException {
        fields.clear();
        int c = read();
        while (c == '\n' || c == '\r') {
            endOfLine(c);
            c = read();
        }
        if (c == -1) {
            return false;
        }
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = quoted();
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        throw malformed("a quote inside a field that does not start with one");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c != -1) {
                endOfLine(c);
            }
            return true;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after its closing quote. */
    private int quoted() throws IOException {
        long start = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new UnavailableException(source + " is not valid CSV: the quoted field opened on line " + start
                        + " is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                        throw malformed("text after a closing quote");
                    }
                    return after;
                }
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    /** Consumes a line end: LF, or CR with the LF that may follow it. */
    private void endOfLine(int c) throws IOException {
        line++;
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        try {
            return in.read();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed("the text is not UTF-8");
        }
    }

    private UnavailableException malformed(String problem) {
        return new UnavailableException(source + " is not valid CSV: line " + line + ": " + problem);
    }
}
