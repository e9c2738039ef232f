package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LockedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds other processes that have a database open, from the open files Linux lists under {@code /proc}. This is the
 * only way to see a connection that is open but idle: a rollback-journal connection between transactions holds no
 * lock at all. Elsewhere (no {@code /proc}) it finds nothing, and the lock of {@link ExclusiveAccess} is what
 * remains; processes of other users are invisible unless lifeboat runs as root. It only reads links and attributes
 * under {@code /proc}, never opens the database, so it cannot disturb anyone's locks.
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
        Set<Path> files = new HashSet<>();
        files.add(database);
        files.addAll(DatabaseFile.companions(database));
        return processesHolding(descriptor -> files.contains(readLink(descriptor)), true).stream().findFirst();
    }

    /**
     * The other processes that still hold a file that has since lost its name (it was renamed over), found by its
     * identity: Linux shows such a file as {@code "<former path> (deleted)"}, and the link still reaches it.
     *
     * @param formerPath where the file was
     * @param fileKey    the file's {@link BasicFileAttributes#fileKey()}, taken while it was there
     */
    static List<String> holdersOf(Path formerPath, Object fileKey) {
        String former = formerPath.toString();
        return processesHolding(descriptor -> readLink(descriptor).toString().startsWith(former)
                && fileKey.equals(fileKey(descriptor)), false);
    }

    private static List<String> processesHolding(Predicate<Path> matches, boolean firstOnly) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        String ownPid = Long.toString(ProcessHandle.current().pid());
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ProcessScan::isProcess)) {
            for (Path process : processes) {
                if (!process.getFileName().toString().equals(ownPid) && holdsAny(process, matches)) {
                    found.add("pid " + process.getFileName() + name(process));
                    if (firstOnly) {
                        break;
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // /proc unreadable as a whole: nothing to learn here, the lock still decides
            return found;
        }
        return found;
    }

    private static boolean isProcess(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static boolean holdsAny(Path process, Predicate<Path> matches) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                if (matches.test(descriptor)) {
                    return true;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
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

    // following the link reaches the open file itself, even one without a name any more
    private static Object fileKey(Path descriptor) {
        try {
            Object key = Files.readAttributes(descriptor, BasicFileAttributes.class).fileKey();
            return key == null ? descriptor : key;
        } catch (IOException e) {
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
