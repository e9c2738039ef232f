package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LockedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds other processes that have a database open, from the open files Linux lists under {@code /proc}. This is the
 * only way to see a connection that is open but idle: a rollback-journal connection between transactions holds no
 * lock at all. Elsewhere (no {@code /proc}) it finds nothing, and the lock probe of {@link ExclusiveAccess} is what
 * remains; processes of other users are invisible unless lifeboat runs as root.
 */
final class ProcessScan {

    private static final Path PROC = Path.of("/proc");

    private ProcessScan() {
    }

    /**
     * @throws LockedException naming the process when another process has the database or its companions open
     */
    static void requireUnused(Path database, String written) {
        user(database).ifPresent(user -> {
            throw new LockedException(written + " is in use by another process (" + user + "); close it and retry");
        });
    }

    /** "pid 4711, sqlite3" for a process that has the database, its WAL, shared memory or journal open. */
    static Optional<String> user(Path database) {
        if (!Files.isDirectory(PROC)) {
            return Optional.empty();
        }
        Set<Path> files = new HashSet<>();
        files.add(database);
        files.addAll(DatabaseFile.companions(database));
        String ownPid = Long.toString(ProcessHandle.current().pid());
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ProcessScan::isProcess)) {
            for (Path process : processes) {
                if (!process.getFileName().toString().equals(ownPid) && holdsAny(process, files)) {
                    return Optional.of("pid " + process.getFileName() + name(process));
                }
            }
        } catch (IOException e) {
            // /proc unreadable as a whole: nothing to learn here, the lock probe still runs
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isProcess(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static boolean holdsAny(Path process, Set<Path> files) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                if (files.contains(readLink(descriptor))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // another user's process (unless root), or one that ended while we looked: nothing to see
            return false;
        }
        return false;
    }

    private static Path readLink(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor);
        } catch (IOException e) {
            // the descriptor was closed while we looked
            return descriptor;
        }
    }

    private static String name(Path process) {
        try {
            return ", " + new String(Files.readAllBytes(process.resolve("comm")), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
