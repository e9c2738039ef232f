package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the tar codec's writer reports a failing disk; what every codec's writer must do is in the contract
 * ({@link TarArchiveCodecTest}).
 */
class WriterTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream archive = new ByteArrayOutputStream();

    @Test
    void aFullDiskWhileSpoolingIsInsufficientSpace() throws IOException {
        // the kernel's /dev/full fails every write with ENOSPC, as a full disk does
        Path full = Files.createSymbolicLink(directory.resolve("spool-on-a-full-disk"), Path.of("/dev/full"));
        ScratchSpace fullScratch = new ScratchSpace() {
            @Override
            public Path newFile(String purpose) {
                return full;
            }

            @Override
            public void close() {
            }
        };
        try (ArchiveWriter writer = TestArchives.CODEC.newWriter(archive, CompressionSettings.DEFAULT, fullScratch)) {
            OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE);
            assertThatThrownBy(() -> {
                try (out) {
                    out.write(TestArchives.random(3_000_000, 1));
                }
            }).isInstanceOf(InsufficientSpaceException.class)
                    .hasMessageContaining("the disk is full")
                    .hasMessageContaining("database.sqlite");
            assertThat(writer.completedParts()).as("a part whose writing failed is not completed").isEmpty();
        }
        assertThat(Files.exists(Path.of("/dev/full"))).isTrue();
    }

    @Test
    void aFullDiskWhileWritingTheArchiveIsInsufficientSpace() throws IOException {
        try (OutputStream fullDisk = Files.newOutputStream(Path.of("/dev/full"));
             DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = TestArchives.CODEC.newWriter(fullDisk, CompressionSettings.DEFAULT, scratch)) {
            OutputStream part = writer.open("database.sqlite", PartRole.DATABASE_FILE);
            part.write(TestArchives.random(2_000_000, 1));

            assertThatThrownBy(part::close).isInstanceOf(InsufficientSpaceException.class)
                    .hasMessageContaining("the disk is full");
            assertThatThrownBy(() -> writer.open("data/next.copy", PartRole.DATA))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("earlier failure");
            assertThat(scratch.remaining()).isEmpty();
        }
    }

    @Test
    void anotherWriteFailureIsUnavailable() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Input/output error");
            }
        };
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = TestArchives.CODEC.newWriter(broken, CompressionSettings.DEFAULT, scratch)) {
            OutputStream part = writer.open("database.sqlite", PartRole.DATABASE_FILE);
            part.write(TestArchives.random(2_000_000, 1));

            assertThatThrownBy(part::close).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("cannot write member database.sqlite.zst to the archive")
                    .hasMessageContaining("Input/output error");
        }
    }
}
