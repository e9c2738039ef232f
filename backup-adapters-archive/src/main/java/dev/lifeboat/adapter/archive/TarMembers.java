package dev.lifeboat.adapter.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The one kind of member an archive holds: a regular file, readable only by its owner, owned by nobody in particular. */
final class TarMembers {

    static final String MANIFEST = "manifest.json";
    static final int RECORD_SIZE = 512;
    static final int MODE = 0600;

    private TarMembers() {
    }

    /** A tar stream that writes members as the archive format says: pax headers for long names and big sizes. */
    static TarArchiveOutputStream newTar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    /** The header records {@link #putRegularFile} writes before a member's data: its own, after any pax header. */
    static byte[] headers(String name, long size, Instant modified) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream(RECORD_SIZE);
        TarArchiveOutputStream tar = newTar(headers);
        putRegularFile(tar, name, size, modified);
        tar.flush();
        return headers.toByteArray();
    }

    static void putRegularFile(TarArchiveOutputStream tar, String name, long size, Instant modified) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(MODE);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        // whole seconds fit the ustar header; a fraction would add a pax header to every member
        entry.setLastModifiedTime(FileTime.from(modified.truncatedTo(ChronoUnit.SECONDS)));
        tar.putArchiveEntry(entry);
    }

    /** The size of a member's data rounded up to whole tar records. */
    static long padded(long size) {
        long remainder = size % RECORD_SIZE;
        return remainder == 0 ? size : size + RECORD_SIZE - remainder;
    }
}
