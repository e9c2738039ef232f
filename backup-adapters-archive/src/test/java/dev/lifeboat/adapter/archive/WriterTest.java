package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream archive = new ByteArrayOutputStream();

    @Test
    void partsAppearInTheOrderTheyAreCompleted() throws IOException {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = newWriter(scratch)) {
            OutputStream first = writer.open("data/first.copy", PartRole.DATA);
            OutputStream second = writer.open("data/second.copy", PartRole.DATA);
            second.write(2);
            second.close();
            first.write(1);
            first.close();

            assertThat(writer.completedParts()).extracting(PartInfo::name)
                    .containsExactly("data/second.copy", "data/first.copy");
            writer.finish(TestArchives.manifest(writer.completedParts()));
        }

        assertThat(TarSurgery.members(archive.toByteArray())).extracting(TarSurgery.Member::name)
                .containsExactly("data/second.copy.zst", "data/first.copy.zst", "manifest.json");
    }

    @Test
    void unsafeDuplicateAndReservedNamesAreEngineBugs() {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = newWriter(scratch)) {
            for (String unsafe : List.of("../evil", "/abs", "a/../b", "", "with space", "a//b", "./a", "a/")) {
                assertThatThrownBy(() -> writer.open(unsafe, PartRole.DATA)).as(unsafe)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            writer.open("database.sqlite", PartRole.DATABASE_FILE);
            assertThatThrownBy(() -> writer.open("database.sqlite", PartRole.DATABASE_FILE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> writer.open("manifest.json", PartRole.DATA))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        }
    }

    @Test
    void theManifestMustListExactlyTheCompletedParts() throws IOException {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = newWriter(scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                out.write(1);
            }
            assertThatThrownBy(() -> writer.finish(TestArchives.manifest(List.of())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("database.sqlite");
        }
    }

    @Test
    void aPartNeverClosedIsNotInTheArchiveAndLeavesNoSpool() throws IOException {
        DirectoryScratch scratch = new DirectoryScratch(directory);
        try (ArchiveWriter writer = newWriter(scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                out.write(TestArchives.text(10_000, 1));
            }
            OutputStream abandoned = writer.open("data/unfinished.copy", PartRole.DATA);
            abandoned.write(TestArchives.text(300_000, 2));
            writer.finish(TestArchives.manifest(writer.completedParts()));
        }

        assertThat(scratch.remaining()).as("spool files left after close").isEmpty();
        try (ArchiveReader reader = TestArchives.open(archive.toByteArray())) {
            assertThat(reader.parts()).extracting(PartInfo::name).containsExactly("database.sqlite");
        }
    }

    @Test
    void closingTheWriterWithoutFinishingDeletesEverySpool() throws IOException {
        DirectoryScratch scratch = new DirectoryScratch(directory);
        OutputStream open;
        try (ArchiveWriter writer = newWriter(scratch)) {
            open = writer.open("data/a.copy", PartRole.DATA);
            open.write(TestArchives.text(500_000, 1));
        }

        assertThat(scratch.remaining()).isEmpty();
        assertThatThrownBy(() -> open.write(1)).isInstanceOf(IOException.class).hasMessageContaining("abandoned");
        open.close();
        assertThat(scratch.remaining()).isEmpty();
    }

    @Test
    void thePartStreamAcceptsSingleBytesAndSlices() throws IOException {
        byte[] expected = TestArchives.text(70_000, 5);
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = newWriter(scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                for (int i = 0; i < 1000; i++) {
                    out.write(expected[i]);
                }
                out.write(expected, 1000, expected.length - 1000);
                out.flush();
            }
            writer.finish(TestArchives.manifest(writer.completedParts()));
        }

        try (ArchiveReader reader = TestArchives.open(archive.toByteArray())) {
            assertThat(TestArchives.read(reader, "database.sqlite")).isEqualTo(expected);
        }
    }

    @Test
    void aPartClosedAfterTheArchiveIsFinishedIsAnEngineBug() throws IOException {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = newWriter(scratch)) {
            OutputStream late = writer.open("data/late.copy", PartRole.DATA);
            late.write(1);
            writer.finish(TestArchives.manifest(writer.completedParts()));

            assertThatThrownBy(late::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("data/late.copy").hasMessageContaining("not in the archive");
            assertThatThrownBy(() -> writer.open("data/later.copy", PartRole.DATA))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(scratch.remaining()).isEmpty();
        }
    }

    @Test
    void theArchiveStreamIsFlushedButNeverClosed() throws IOException {
        List<String> calls = new ArrayList<>();
        OutputStream watched = new FilterOutputStream(archive) {
            @Override
            public void flush() throws IOException {
                calls.add("flush");
                super.flush();
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = TestArchives.CODEC.newWriter(watched, CompressionSettings.DEFAULT, scratch)) {
            writer.finish(TestArchives.manifest(List.of()));
        }

        assertThat(calls).contains("flush").doesNotContain("close");
        TestArchives.openAndReadEverything(archive.toByteArray());
    }

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

    private ArchiveWriter newWriter(ScratchSpace scratch) {
        return TestArchives.CODEC.newWriter(archive, CompressionSettings.of(Compression.ZSTD), scratch);
    }
}
