package dev.lifeboat.domain.spi;

import java.io.IOException;

/**
 * What an archive's output ({@link NewArchive#output()}) can offer besides appending, when it is a file being written
 * in place: bytes written earlier can be written again. An archive codec uses it to write a member's data straight
 * into the archive and its header, which states a size known only at the end, afterwards, instead of spooling the
 * member and copying it in. An output that cannot do this (an upload, an encryption stream) simply does not
 * implement it, and the codec spools.
 *
 * <p>Once {@link #startRewriting} is called, the archive's SHA-256 (its sidecar) is no longer taken from the bytes on
 * their way but read back from the file when the archive is committed. Used by one thread at a time, between appends.
 */
public interface RewritableOutput {

    /**
     * Says that earlier bytes may be written again from now on, and flushes what was appended.
     *
     * @throws IOException when the output fails
     */
    void startRewriting() throws IOException;

    /**
     * Flushes what was appended and says where the next appended byte goes.
     *
     * @return the number of bytes in the archive so far
     * @throws IOException when the output fails
     */
    long end() throws IOException;

    /**
     * Writes bytes again at a position already written; the end of the archive does not move.
     *
     * @param position where the first byte goes
     * @param bytes    the bytes, all of them before the end of what was appended
     * @throws IOException when the output fails
     */
    void writeAt(long position, byte[] bytes) throws IOException;

    /**
     * Moves the bytes from {@code position} to the end later by {@code distance}, leaving the gap with its old bytes
     * for {@link #writeAt} to fill; appending goes on at the new end.
     *
     * @param position the first byte to move
     * @param distance how far, at least 0
     * @throws IOException when the output fails
     */
    void moveTail(long position, int distance) throws IOException;

    /**
     * Cuts the archive back to {@code size} bytes, throwing away what was appended since; appending goes on there.
     *
     * @param size the new size, at most the current one
     * @throws IOException when the output fails
     */
    void truncate(long size) throws IOException;
}
