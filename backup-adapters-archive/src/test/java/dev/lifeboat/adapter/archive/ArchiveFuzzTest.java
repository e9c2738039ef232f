package dev.lifeboat.adapter.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the archive reader the way verify and restore use it: arbitrary bytes are opened as an archive, its manifest
 * is read, and every part is read to its end into a file of a scratch directory. The reader may accept the bytes, and
 * then must hand out exactly the parts its manifest describes, or refuse them with a {@link LifeboatException}.
 * Each input is also read with its tar headers' checksums
 * made right ({@link TarChecksums}), so mutations of header fields get past the checksum to the checks behind it.
 * Anything else is a finding: another exception, an error such as {@link OutOfMemoryError}, an input that takes
 * longer than the timeout, a part whose name would unpack outside the scratch directory, or a file written anywhere
 * but in it.
 *
 * <p>Surefire replays the seeds of {@link FuzzSeeds#archives()} and the inputs kept under
 * {@code ArchiveFuzzTestInputs/}; {@link BoundedFuzzingTest} fuzzes it in a JVM of its own.
 */
class ArchiveFuzzTest {

    /** Inputs tried in this JVM, read by {@link FuzzingRun}: one per input, however many reads it takes. */
    static final AtomicLong EXECUTIONS = new AtomicLong();
    /** Reads of an archive, up to two per input (as fuzzed, and with its tar checksums made right). */
    private static final AtomicLong READS = new AtomicLong();

    @TempDir
    static Path sandbox;

    @MethodSource("dev.lifeboat.adapter.archive.FuzzSeeds#archives")
    @Timeout(60)
    @FuzzTest(maxDuration = "15s")
    void readsAnyBytesOrRefusesThem(byte[] archive) throws IOException {
        EXECUTIONS.incrementAndGet();
        readSafely(archive);
        byte[] resealed = TarChecksums.resealed(archive);
        if (!java.util.Arrays.equals(resealed, archive)) {
            readSafely(resealed);
        }
    }

    private static void readSafely(byte[] archive) throws IOException {
        Path scratch = Files.createDirectory(sandbox.resolve("scratch-" + READS.incrementAndGet()));
        try {
            unpack(archive, scratch);
        } catch (LifeboatException refused) {
            // the reader's documented refusal of a damaged or hostile archive
        } finally {
            requireNothingWrittenOutside(scratch);
            FuzzSeeds.deleteTree(scratch);
        }
    }

    private static void unpack(byte[] archive, Path scratch) throws IOException {
        try (ArchiveReader reader = TestArchives.open(archive)) {
            Manifest manifest = reader.manifest();
            if (reader.manifestDocument().isEmpty()) {
                throw new AssertionError("an accepted archive has an empty manifest document");
            }
            List<PartInfo> parts = reader.parts();
            for (int i = 0; i < parts.size(); i++) {
                PartInfo part = parts.get(i);
                requireUnpacksInside(scratch, part.name());
                requireUnpacksInside(scratch, part.memberName());
                Path target = scratch.resolve("part-" + i);
                MessageDigest digest = Sha256.newDigest();
                long copied;
                try (InputStream in = new DigestInputStream(reader.open(part.name()), digest)) {
                    copied = Files.copy(in, target);
                }
                if (copied != part.rawSize() || !Sha256.hex(digest.digest()).equals(part.rawSha256())) {
                    throw new AssertionError("part " + part.name() + " streamed " + copied + " bytes that differ from "
                            + "the " + part.rawSize() + " its manifest records, yet the reader reported no damage");
                }
            }
            if (manifest.parts().size() != parts.size()) {
                throw new AssertionError("the reader lists other parts than its manifest");
            }
        }
    }

    private static void requireUnpacksInside(Path scratch, String name) {
        Path target = scratch.resolve(name).normalize();
        boolean safeName = PartNames.isSafe(name) || name.equals(TarMembers.MANIFEST);
        if (!safeName || !target.startsWith(scratch) || target.equals(scratch)) {
            throw new AssertionError("the reader accepted the name '" + name + "', which unpacks to " + target
                    + ", outside " + scratch);
        }
    }

    private static void requireNothingWrittenOutside(Path scratch) throws IOException {
        try (Stream<Path> siblings = Files.list(sandbox)) {
            List<Path> outside = siblings.filter(path -> !path.equals(scratch)).toList();
            if (!outside.isEmpty()) {
                throw new AssertionError("files appeared outside the scratch directory: " + outside);
            }
        }
        try (Stream<Path> inside = Files.walk(scratch)) {
            List<Path> links = inside.filter(path -> Files.isSymbolicLink(path)
                    || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
            if (!links.isEmpty()) {
                throw new AssertionError("links or special files appeared in the scratch directory: " + links);
            }
        }
    }
}
