package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What can be told about a SQLite database file without opening it, and the files SQLite keeps beside it. */
final class DatabaseFile {

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    // bytes 18 and 19 of the header are the read and write format versions: 2 means WAL
    private static final int FORMAT_VERSIONS_OFFSET = 18;
    private static final int WAL_FORMAT = 2;

    private DatabaseFile() {
    }

    /** Why a file cannot be read as a SQLite database, or empty when it can. */
    static Optional<String> problem(SqliteLocation location) {
        Path path = location.path();
        String written = location.written();
        if (Files.isDirectory(path)) {
            return Optional.of(written + " is a directory, not a database file");
        }
        if (!Files.exists(path)) {
            return Optional.of("no such file: " + written);
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of(written + " is not a regular file, so it cannot be a SQLite database");
        }
        try {
            if (Files.size(path) == 0) {
                return Optional.of(written + " is empty: it holds no SQLite database");
            }
            if (!hasHeader(path)) {
                return Optional.of(written + " is not a SQLite database: it does not start with the SQLite header");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read " + written + ": " + e.getMessage());
        }
    }

    /**
     * The file, when it is a readable SQLite database.
     *
     * @throws UnavailableException saying what is wrong with it otherwise
     */
    static Path requireDatabase(SqliteLocation location) {
        problem(location).ifPresent(problem -> {
            throw new UnavailableException(problem);
        });
        return location.path();
    }

    static boolean hasHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        }
    }

    /** Whether the file's header says it is in WAL mode (a setting kept in the file, unlike the rollback modes). */
    static boolean isWal(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(FORMAT_VERSIONS_OFFSET + 2);
            return start.length == FORMAT_VERSIONS_OFFSET + 2
                    && start[FORMAT_VERSIONS_OFFSET] == WAL_FORMAT && start[FORMAT_VERSIONS_OFFSET + 1] == WAL_FORMAT;
        }
    }

    /** The journal mode as the file records it: {@code wal}, or {@code delete} for the rollback-journal modes. */
    static String journalMode(Path file) throws IOException {
        return isWal(file) ? "wal" : "delete";
    }

    /** The size of a database's write-ahead log, 0 when it has none (also when it vanishes while we look). */
    static long walBytes(Path database) throws IOException {
        try {
            return Files.size(companions(database).get(0));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** The files SQLite keeps beside a database: its write-ahead log, shared-memory index and rollback journal. */
    static List<Path> companions(Path database) {
        String name = database.getFileName().toString();
        return List.of(database.resolveSibling(name + "-wal"), database.resolveSibling(name + "-shm"),
                database.resolveSibling(name + "-journal"));
    }

    static void deleteCompanions(Path database) throws IOException {
        for (Path companion : companions(database)) {
            Files.deleteIfExists(companion);
        }
    }

    /** Deletes a database file and everything SQLite may have left beside it. */
    static void deleteWithCompanions(Path database) throws IOException {
        Files.deleteIfExists(database);
        deleteCompanions(database);
    }

    /** Cleans up after a failure, keeping the failure as the thing reported. */
    static void deleteAfterFailure(Path database, Throwable failure) {
        try {
            deleteWithCompanions(database);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
