package dev.lifeboat.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.cli.CrashCommandLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A repository directory as a crash test watches it: the temporary files of runs (whose sizes measure how far a run
 * has come), who holds the lock, and what {@code lifeboat list --json} shows.
 */
final class CrashRepository {

    private static final String TEMPORARY_PREFIX = ".lifeboat-tmp-";
    /** A plain archive's suffix, and an encrypted one's. */
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".lifeboat.tar", ".lifeboat.tar.age");

    private final Path workingDirectory;
    private final Path directory;

    /** The repository lifeboat uses by default when run in this working directory: ./backups. */
    CrashRepository(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        this.directory = workingDirectory.resolve("backups");
    }

    Path directory() {
        return directory;
    }

    /** A backup as {@code lifeboat list --json} shows it; problem is empty for a readable archive. */
    record Listed(String name, String problem) {
    }

    /** What {@code lifeboat list --json} shows, in the order it shows it. */
    List<Listed> listing() {
        CrashCommandLine.Result list = CrashCommandLine.run(workingDirectory, "list", "--json");
        if (list.exitCode() != 0) {
            throw new AssertionError("lifeboat list --json failed: " + list);
        }
        List<Listed> listed = new ArrayList<>();
        for (JsonNode backup : Json.parse(list.stdout()).get("backups")) {
            listed.add(new Listed(backup.get("name").asText(),
                    backup.has("problem") ? backup.get("problem").asText() : ""));
        }
        return listed;
    }

    List<String> listedNames() {
        return listing().stream().map(Listed::name).sorted().toList();
    }

    /** {@code lifeboat verify NAME}: reads the whole archive and checks every checksum. */
    CrashCommandLine.Result verify(String archive) {
        return CrashCommandLine.run(workingDirectory, "verify", archive);
    }

    /** The archives in the directory, by name, without asking lifeboat: a cheap way to see a commit as it happens. */
    List<String> archiveFiles() {
        return entries().stream().map(path -> path.getFileName().toString())
                .filter(CrashRepository::isArchive).sorted().toList();
    }

    List<Path> temporaryFiles() {
        return entries().stream().filter(path -> path.getFileName().toString().startsWith(TEMPORARY_PREFIX)).toList();
    }

    /** Checksum sidecars whose archive is not there: what a crash between the two renames of a commit leaves. */
    List<String> loneSidecars() {
        List<String> names = entries().stream().map(path -> path.getFileName().toString()).toList();
        return names.stream().filter(name -> name.endsWith(".sha256"))
                .filter(name -> isArchive(name.substring(0, name.length() - ".sha256".length())))
                .filter(name -> !names.contains(name.substring(0, name.length() - ".sha256".length()))).toList();
    }

    private static boolean isArchive(String name) {
        return ARCHIVE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Temporary files named for another process than the given one. */
    List<String> temporaryFilesNotOf(long pid) {
        return temporaryFiles().stream().map(path -> path.getFileName().toString())
                .filter(name -> !name.startsWith(ownPrefix(pid))).toList();
    }

    List<Path> temporaryFilesOf(long pid) {
        return temporaryFiles().stream().filter(path -> path.getFileName().toString().startsWith(ownPrefix(pid)))
                .toList();
    }

    boolean hasTemporaryFilesOf(long pid) {
        return temporaryFiles().stream().anyMatch(path -> path.getFileName().toString().startsWith(ownPrefix(pid)));
    }

    /** The bytes of every temporary file: a run's snapshot copy, spool files and the archive being written. */
    long temporaryBytes() {
        return temporaryFiles().stream().mapToLong(CrashRepository::sizeOrZero).sum();
    }

    /** Kill point: the run holds the repository's lock. */
    CrashPoint lockTaken() {
        return CrashPoint.onFiles("the run holds the repository lock", run -> isLockedBy(run.pid()));
    }

    /** Kill point: the run has begun writing a temporary file of its own in the repository. */
    CrashPoint writing(String what) {
        return CrashPoint.onFiles(what, run -> hasTemporaryFilesOf(run.pid()));
    }

    /** Kill point: the repository holds more archives than the given number, the count when the run started. */
    CrashPoint committed(String what, IntSupplier archivesAtStart) {
        return CrashPoint.onFiles(what, run -> archiveFiles().size() > archivesAtStart.getAsInt());
    }

    /** Whether killed runs left what the next run must remove: temporary files, or sidecars without an archive. */
    boolean hasLeftovers() {
        return !temporaryFiles().isEmpty() || !loneSidecars().isEmpty();
    }

    /** Whether the lock file names the process as its holder. */
    boolean isLockedBy(long pid) {
        try {
            byte[] content = Files.readAllBytes(lockFile());
            return new String(content, StandardCharsets.UTF_8).startsWith("pid=" + pid + "\n");
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A released lock is an empty file; a lock that a process still holds, or one it never released, names it. */
    boolean isReleased() {
        return !Files.exists(lockFile()) || sizeOrZero(lockFile()) == 0;
    }

    private Path lockFile() {
        return directory.resolve(".lifeboat.lock");
    }

    private List<Path> entries() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ownPrefix(long pid) {
        return TEMPORARY_PREFIX + pid + ".";
    }

    static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // removed between listing and measuring
        }
    }
}
