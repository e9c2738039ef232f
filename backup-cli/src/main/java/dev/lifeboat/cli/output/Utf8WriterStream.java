package dev.lifeboat.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of UTF-8 text written to a {@link PrintWriter}: standard output for bytes where a test gives the command line
 * a writer. Bytes that are not UTF-8 fail the write rather than turning into replacement characters.
 */
public final class Utf8WriterStream extends OutputStream {

    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer pending = ByteBuffer.allocate(1 << 13);
    private final CharBuffer chars = CharBuffer.allocate(1 << 13);

    public Utf8WriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int n = Math.min(pending.remaining(), end - at);
            pending.put(bytes, at, n);
            at += n;
            decode(false);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        decode(true);
        if (pending.position() > 0) {
            throw new CharacterCodingException();
        }
        writer.flush();
    }

    private void decode(boolean endOfInput) throws IOException {
        pending.flip();
        while (true) {
            CoderResult result = decoder.decode(pending, chars, endOfInput);
            chars.flip();
            writer.append(chars);
            chars.clear();
            if (result.isError()) {
                result.throwException();
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        pending.compact();
    }
}
