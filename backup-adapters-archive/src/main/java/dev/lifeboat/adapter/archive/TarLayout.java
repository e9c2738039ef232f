package dev.lifeboat.adapter.archive;

import static dev.lifeboat.adapter.archive.TarMembers.RECORD_SIZE;
import static dev.lifeboat.adapter.archive.TarMembers.padded;

import dev.lifeboat.domain.error.VerificationFailedException;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Checks the bytes of an archive that the tar library reads past without looking: the checksum of every header
 * record, the zero padding after each member, and the end of the archive. Together with the SHA-256 of every part
 * and the strict reading of the manifest, damage anywhere in an archive is found.
 */
final class TarLayout {

    /** Two zero records end a tar. */
    static final int END_MARKER_SIZE = 2 * RECORD_SIZE;
    /** GNU tar pads an archive to whole 10 KiB blocks, so an archive repacked with it may end with that much more. */
    static final int MAX_TRAILING_SIZE = END_MARKER_SIZE + 20 * RECORD_SIZE;

    private static final int TYPE_OFFSET = 156;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;

    private final ArchiveChannel channel;

    private TarLayout(ArchiveChannel channel) {
        this.channel = channel;
    }

    /**
     * @param entries the members as the tar library listed them, in archive order
     * @throws VerificationFailedException when a header is damaged, padding is not zero, the end-of-archive marker is
     *                                     missing, or anything other than zero padding follows it
     */
    static void check(ArchiveChannel channel, List<TarArchiveEntry> entries) {
        new TarLayout(channel).check(entries);
    }

    private void check(List<TarArchiveEntry> entries) {
        long position = 0;
        for (TarArchiveEntry entry : entries) {
            long header = entry.getDataOffset() - RECORD_SIZE;
            while (position < header) {
                position = skipExtendedHeader(position, header, entry.getName());
            }
            if (position != header) {
                throw corrupt("the headers before member '" + entry.getName() + "' overlap it");
            }
            requireChecksum(channel.readFully(header, RECORD_SIZE, "the header of member '" + entry.getName() + "'"),
                    header);
            long end = entry.getDataOffset() + entry.getSize();
            requireZeros(end, padded(end), "the padding after member '" + entry.getName() + "'");
            position = padded(end);
        }
        long size = channel.size();
        long trailing = size - position;
        if (trailing < END_MARKER_SIZE) {
            throw corrupt("it ends without the end-of-archive marker (" + END_MARKER_SIZE + " zero bytes) after its "
                    + "last member, at offset " + position);
        }
        requireZeros(position, position + END_MARKER_SIZE, "the end-of-archive marker");
        long padding = position + END_MARKER_SIZE;
        if (trailing > MAX_TRAILING_SIZE || !isZero(padding, size)) {
            throw corrupt((size - padding) + " bytes follow the end-of-archive marker at offset " + padding + ", where "
                    + "at most " + (MAX_TRAILING_SIZE - END_MARKER_SIZE) + " zero bytes of padding belong: something "
                    + "was appended to the archive, or it is damaged");
        }
    }

    /** Checks a pax extended header, the only kind of header an archive has besides its members' own. */
    private long skipExtendedHeader(long position, long limit, String member) {
        byte[] record = channel.readFully(position, RECORD_SIZE, "the headers of member '" + member + "'");
        requireChecksum(record, position);
        byte type = record[TYPE_OFFSET];
        if (type != TarConstants.LF_PAX_EXTENDED_HEADER_LC) {
            throw corrupt("member '" + member + "' is preceded by a header of type '" + (char) type + "' at offset "
                    + position + "; only pax extended headers may precede a member");
        }
        long size;
        try {
            size = TarUtils.parseOctalOrBinary(record, SIZE_OFFSET, SIZE_LENGTH);
        } catch (IllegalArgumentException e) {
            throw corrupt("the size in the header at offset " + position + " is damaged");
        }
        long dataEnd = position + RECORD_SIZE + size;
        if (size < 0 || padded(dataEnd) > limit) {
            throw corrupt("the pax header at offset " + position + " of member '" + member + "' has an impossible size");
        }
        requireZeros(dataEnd, padded(dataEnd), "the padding of the pax header of member '" + member + "'");
        return padded(dataEnd);
    }

    private void requireChecksum(byte[] record, long offset) {
        boolean valid;
        try {
            valid = TarUtils.verifyCheckSum(record);
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw corrupt("the header at offset " + offset + " is damaged (its checksum does not match)");
        }
    }

    private void requireZeros(long from, long to, String what) {
        if (!isZero(from, to)) {
            throw corrupt(what + " holds data between offsets " + from + " and " + to + ", where only zero bytes "
                    + "belong");
        }
    }

    private boolean isZero(long from, long to) {
        if (to <= from) {
            return true;
        }
        byte[] bytes = channel.readFully(from, Math.toIntExact(to - from), "padding");
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private VerificationFailedException corrupt(String detail) {
        return new VerificationFailedException(channel.archiveName() + " is corrupt or truncated: " + detail);
    }
}
