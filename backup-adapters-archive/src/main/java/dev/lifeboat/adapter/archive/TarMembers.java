package dev.lifeboat.adapter.archive;

import java.io.IOException;
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
