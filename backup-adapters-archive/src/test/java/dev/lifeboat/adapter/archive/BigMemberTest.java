package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part of 8 GiB or more does not fit the ustar size field; its size is carried by a pax header. The archive here is
 * a sparse file, so the test costs no disk space and reads none of the part's data.
 */
class BigMemberTest {

    private static final long SIZE = (8L << 30) + 12_345;

    @TempDir
    Path directory;

    @Test
    void aPartOfMoreThanEightGibibytesIsFoundWithItsFullSize() throws IOException {
        Path archive = directory.resolve("big.lifeboat.tar");
        PartInfo part = new PartInfo("database.sqlite", PartRole.DATABASE_FILE, Compression.NONE, SIZE, SIZE,
                "c".repeat(64), "c".repeat(64), Duration.ofSeconds(60));
        byte[] headers = headersOfMemberOfSize("database.sqlite", SIZE);
        byte[] manifestAndEnd = TarSurgery.tar(List.of(TarSurgery.Member.file(TarMembers.MANIFEST,
                ManifestJson.write(TestArchives.manifest(List.of(part))))));
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(headers));
            // the part's data is a hole: the file system stores nothing for it
            file.write(ByteBuffer.wrap(manifestAndEnd), headers.length + TarMembers.padded(SIZE));
        }

        try (CountingChannel channel = new CountingChannel(FileChannel.open(archive, StandardOpenOption.READ));
             ArchiveReader reader = TestArchives.CODEC.open(channel, TestArchives.NAME)) {
            assertThat(reader.parts()).containsExactly(part);
            assertThat(channel.bytesRead()).isLessThan(16 * 1024);
        }
    }

    /** The headers the writer puts before a member of that size: a pax header with its size, then its own. */
    private static byte[] headersOfMemberOfSize(String name, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        tar.flush();
        return bytes.toByteArray();
    }
}
