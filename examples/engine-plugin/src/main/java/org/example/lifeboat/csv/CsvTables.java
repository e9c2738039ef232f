package org.example.lifeboat.csv;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.PartSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Table files written from an archive's parts, and the removal of a directory of them. */
final class CsvTables {

    /** Where a table's file goes in an archive: {@code tables/NAME.csv}. */
    static final String PART_PREFIX = "tables/";

    private CsvTables() {
    }

    /**
     * Writes every part of an archive into a new directory (mode 0700, files 0600, synced to disk), reading each part
     * to its end so its checksum is checked, and returns the fingerprint of what was written.
     *
     * @throws VerificationFailedException when a part is damaged or is not a table of this engine
     */
    static Fingerprint write(Manifest manifest, PartSource parts, Path directory) throws IOException {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rwx------")));
        CsvFingerprint fingerprint = new CsvFingerprint();
        List<PartInfo> tables = manifest.parts().stream().sorted(Comparator.comparing(PartInfo::name)).toList();
        for (PartInfo part : tables) {
            String fileName = part.name().substring(part.name().lastIndexOf('/') + 1);
            if (!part.name().equals(PART_PREFIX + fileName) || !fileName.endsWith(CsvDirectory.SUFFIX)) {
                throw new VerificationFailedException("the archive holds the part " + part.name() + ", which is no"
                        + " table of the csv engine (" + PART_PREFIX + "NAME" + CsvDirectory.SUFFIX + ")");
            }
            Path file = directory.resolve(fileName);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel);
                 InputStream in = parts.open(part.name());
                 CopyingInputStream copying = new CopyingInputStream(in, out)) {
                fingerprint.addTable(CsvDirectory.tableName(file), copying, "part " + part.name());
                copying.drain();
                out.flush();
                channel.force(true);
            } catch (UnavailableException notCsv) {
                throw new VerificationFailedException("the archive's " + notCsv.getMessage(), notCsv);
            }
        }
        syncDirectory(directory);
        return fingerprint.result();
    }

    /** Syncs a directory's entries (new and renamed files) to disk, where the platform can. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // a platform that cannot open directories (Windows) syncs directory entries with the files
        }
    }

    /** Removes a directory and what is in it; nothing when it is not there. */
    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(visited);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
