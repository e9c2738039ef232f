package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part written straight into an archive that is a file, its header filled in afterwards: the archive must be the
 * same tar as a spooled one, for lifeboat's reader and for GNU tar, whatever the header needs and whatever happens to
 * the parts written beside it.
 */
class InPlacePartTest {

    @TempDir
    Path directory;

    private final Map<String, byte[]> written = new LinkedHashMap<>();

    /** What a test does with the writer of an archive that is a file written in place. */
    @FunctionalInterface
    private interface Writing {
        void into(RewritableFile out, ArchiveWriter writer) throws Exception;
    }

    // writes an archive; whatever happened, no spool is left behind
    private Path archive(String name, Writing writing) throws Exception {
        Path archive = directory.resolve(name);
        try (RewritableFile out = RewritableFile.create(archive);
             DirectoryScratch scratch = new DirectoryScratch(Files.createDirectories(directory.resolve("scratch")));
             ArchiveWriter writer = TestArchives.CODEC.newWriter(out, CompressionSettings.DEFAULT, scratch)) {
            writing.into(out, writer);
            assertThat(scratch.remaining()).isEmpty();
        }
        return archive;
    }

    @Test
    void partsWrittenInPlaceOneAfterAnotherReadBackAndTarAgrees() throws Exception {
        Path archive = archive("in-place.lifeboat.tar", (out, writer) -> {
            write(writer, "database.sqlite", TestArchives.random(1_500_000, 1));
            write(writer, "schema.sql", TestArchives.text(70_001, 2));
            writer.finish(TestArchives.manifest(writer.completedParts()));
            assertThat(out.rewritten()).isTrue();
        });

        assertReadsBackAsWritten(archive);
    }

    @Test
    void aNameThatNeedsAPaxHeaderMovesThePartAlongToMakeRoomForIt() throws Exception {
        String longName = "data/" + "a_schema_with_a_long_name".repeat(3) + "." + "a_table_too".repeat(3) + ".copy";
        assertThat(longName.length() + ".zst".length()).isGreaterThan(100);
        Path archive = archive("long-name.lifeboat.tar", (out, writer) -> {
            write(writer, longName, TestArchives.text(300_000, 3));
            write(writer, "description.json", TestArchives.text(999, 4));
            writer.finish(TestArchives.manifest(writer.completedParts()));
        });

        assertReadsBackAsWritten(archive);
    }

    @Test
    void partsCompletedWhileOneIsWrittenInPlaceFollowItInTheOrderTheyCompleted() throws Exception {
        Path archive = archive("waiting.lifeboat.tar", (out, writer) -> {
            OutputStream first = writer.open("data/public.big.copy", PartRole.DATA);
            byte[] big = TestArchives.text(800_000, 5);
            written.put("data/public.big.copy", big);
            first.write(big, 0, 400_000);
            write(writer, "data/public.small.copy", TestArchives.text(5_000, 6));
            write(writer, "data/public.other.copy", TestArchives.random(9_000, 7));
            assertThat(writer.completedParts()).isEmpty();
            first.write(big, 400_000, 400_000);
            first.close();
            assertThat(writer.completedParts()).extracting(PartInfo::name).containsExactly("data/public.big.copy",
                    "data/public.small.copy", "data/public.other.copy");
            writer.finish(TestArchives.manifest(writer.completedParts()));
        });

        assertReadsBackAsWritten(archive);
    }

    @Test
    void aPartWhoseWriteIntoTheArchiveFailsIsCutOutAndTheArchiveGoesOnWithoutIt() throws Exception {
        Path archive = archive("cut.lifeboat.tar", (out, writer) -> {
            write(writer, "description.json", TestArchives.text(2_000, 8));
            OutputStream failing = writer.open("data/public.failing.copy", PartRole.DATA);
            write(writer, "data/public.meanwhile.copy", TestArchives.text(20_000, 9));
            out.failOnceBeyond(out.end() + 100_000);
            byte[] random = TestArchives.random(4_000_000, 10);
            assertThatThrownBy(() -> {
                failing.write(random);
                failing.flush();
                failing.close();
            }).hasMessageContaining("No space left on device");
            failing.close();
            write(writer, "data/public.after.copy", TestArchives.text(30_000, 11));
            assertThat(writer.completedParts()).extracting(PartInfo::name).containsExactly("description.json",
                    "data/public.meanwhile.copy", "data/public.after.copy");
            writer.finish(TestArchives.manifest(writer.completedParts()));
        });

        assertReadsBackAsWritten(archive);
    }

    @Test
    void theArchivesOwnFailureIsWhatAPartWrittenInPlaceReportsWhenItsEndFailsToBeWritten() throws Exception {
        UnavailableException fullDisk = new UnavailableException("the disk is full");
        archive("full.lifeboat.tar", (out, writer) -> {
            OutputStream part = writer.open("database.sqlite", PartRole.DATABASE_FILE);
            // text compresses to next to nothing until the frame ends, when the part is closed
            part.write(TestArchives.text(100_000, 12));
            out.breakBeyond(out.end() + 600, fullDisk);

            assertThatThrownBy(part::close).isSameAs(fullDisk);
            assertThat(writer.completedParts()).isEmpty();
        });
    }

    @Test
    void anArchiveCannotBeFinishedWhileAPartIsStillWrittenIntoIt() throws Exception {
        archive("unfinished.lifeboat.tar", (out, writer) -> {
            write(writer, "description.json", TestArchives.text(500, 13));
            OutputStream open = writer.open("database.sqlite", PartRole.DATABASE_FILE);
            open.write(TestArchives.random(50_000, 14));

            assertThatThrownBy(() -> writer.finish(TestArchives.manifest(writer.completedParts())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("database.sqlite is still being");
        });
    }

    private void write(ArchiveWriter writer, String name, byte[] content) throws IOException {
        try (OutputStream part = writer.open(name, TestArchives.roleOf(name))) {
            // writes of odd sizes, as engines make them
            for (int offset = 0; offset < content.length; offset += 7_777) {
                part.write(content, offset, Math.min(7_777, content.length - offset));
            }
        }
        written.put(name, content);
    }

    // lifeboat's reader (which checks every header, the padding and the end) and GNU tar with zstd
    private void assertReadsBackAsWritten(Path archive) throws IOException {
        try (ArchiveReader reader = TestArchives.CODEC.open(Files.newByteChannel(archive), TestArchives.NAME)) {
            assertThat(reader.parts()).extracting(PartInfo::name).containsExactlyElementsOf(written.keySet());
            for (PartInfo part : reader.parts()) {
                assertThat(TestArchives.read(reader, part.name())).as(part.name()).isEqualTo(written.get(part.name()));
            }
        }
        Path unpacked = Files.createDirectories(directory.resolve("unpacked-" + archive.getFileName()));
        SystemTools.run(unpacked, "tar", "-xf", archive.toString());
        for (Map.Entry<String, byte[]> part : written.entrySet()) {
            Path member = unpacked.resolve(part.getKey() + ".zst");
            SystemTools.run(unpacked, "zstd", "-d", "-q", member.toString());
            assertThat(Files.readAllBytes(unpacked.resolve(part.getKey()))).as(part.getKey())
                    .isEqualTo(part.getValue());
        }
    }
}
