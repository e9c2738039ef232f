package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.TargetState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A restore that never leaves a half-restored target and never loses a write: the database is written to a hidden
 * file beside the target and checked; then, holding the target's exclusive lock, the target is checked to be
 * exactly what the caller expects (what the safety backup saved, or nothing of value), and the new file is renamed
 * over it before the lock is released. Any failure before the rename removes the new file and leaves the target's
 * data as it was.
 */
final class TargetReplacement {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TargetReplacement() {
    }

    static RestoreOutcome restore(RestoreJob job) {
        RestoreTarget target = RestoreTarget.of(job.target());
        // read-only, to refuse early, before anything is written
        TargetState state = target.probe();
        if (state == TargetState.OCCUPIED && !job.replaceExisting()) {
            throw occupied(target);
        }
        if (state == TargetState.ABSENT && job.targetAsSaved().isPresent()) {
            throw changed(target, "it is gone");
        }
        Path path = target.path();
        List<Path> createdDirectories = createParents(path);
        List<String> warnings = new ArrayList<>(RestoreLeftovers.removeBeside(path));
        Path temp = RestoreLeftovers.ownFile(path, HexFormat.of().formatHex(randomBytes()));
        // Ctrl-C or SIGTERM skip the clean-up below; the JVM's exit then removes the file (and after a rename
        // there is nothing left under the temporary name to remove)
        createdDirectories.forEach(directory -> directory.toFile().deleteOnExit());
        temp.toFile().deleteOnExit();
        RestoredDatabaseCheck.Result checked;
        try {
            // CREATE_NEW fails on anything already there, so a planted link is never followed
            try (FileChannel file = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), OwnerOnlyFiles.ownerOnlyFile(temp))) {
                DatabasePart.writeTo(job.manifest(), job.parts(), file, path, job.progress());
            }
            // the new file must be on disk before it replaces the target; syncing is I/O and the checks are CPU,
            // so they run at the same time
            BackgroundTask<Void> sync = BackgroundTask.start("lifeboat-sqlite-restore-sync", () -> syncToDisk(temp));
            try {
                checked = RestoredDatabaseCheck.check(temp, job.manifest(), job.progress());
            } catch (RuntimeException | Error e) {
                sync.cancel();
                throw e;
            }
            sync.join();
            if (state == TargetState.ABSENT) {
                warnings.addAll(placeNew(temp, target));
            } else if (!Files.exists(path)) {
                if (job.targetAsSaved().isPresent()) {
                    throw changed(target, "it was removed during the restore");
                }
                warnings.addAll(placeNew(temp, target));
            } else {
                warnings.addAll(replaceExisting(temp, target, job));
            }
        } catch (IOException e) {
            RuntimeException failure = SqliteFailures.of(e, "restoring to " + target.written());
            cleanUp(temp, createdDirectories, failure);
            throw failure;
        } catch (SQLException e) {
            RuntimeException failure = SqliteFailures.of(e, "restoring to " + target.written(), temp);
            cleanUp(temp, createdDirectories, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            cleanUp(temp, createdDirectories, e);
            throw e;
        }
        warnings.addAll(checked.warnings());
        syncDirectory(path, warnings);
        // a directory the restore made is an entry of its parent, which must reach the disk too
        for (int i = createdDirectories.size() - 1; i >= 0; i--) {
            syncDirectory(createdDirectories.get(i), warnings);
        }
        return new RestoreOutcome(path.toString(), checked.checks(), warnings);
    }

    /** Renames the new file over the target while holding its lock, once the target is what it should be. */
    private static List<String> replaceExisting(Path temp, RestoreTarget target, RestoreJob job) throws IOException {
        List<String> warnings = new ArrayList<>();
        try (ExclusiveAccess access = ExclusiveAccess.take(target.path(), target.written())) {
            requireExpected(access, target, job);
            OwnerOnlyFiles.copy(target.path(), temp).ifPresent(warnings::add);
            warnings.addAll(access.replaceWith(temp));
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "replacing " + target.written(), target.written());
        }
        return warnings;
    }

    private static void requireExpected(ExclusiveAccess access, RestoreTarget target, RestoreJob job)
            throws SQLException {
        if (job.targetAsSaved().isPresent()) {
            List<String> differences = job.targetAsSaved().get().differencesFrom(access.fingerprint(job.progress()));
            if (!differences.isEmpty()) {
                throw changed(target, "compared with what was saved, " + differences.get(0)
                        + "; a process wrote to it during the restore");
            }
        } else if (!job.replaceExisting() && access.schemaEntries() > 0) {
            throw occupied(target);
        }
    }

    /**
     * Puts the new file where nothing was, failing rather than replacing a file that appeared at the target since it
     * was probed (see {@link NewFilePlacement}).
     */
    private static List<String> placeNew(Path temp, RestoreTarget target) throws IOException {
        Path path = target.path();
        // checked before the companions go: beside a database that appeared they are its own, not leftovers
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw appeared(target, null);
        }
        // leftovers of a database that is gone would be read as part of the new one
        DatabaseFile.deleteCompanions(path);
        try {
            if (!new NewFilePlacement().place(temp, path)) {
                return List.of();
            }
        } catch (FileAlreadyExistsException e) {
            throw appeared(target, e);
        }
        try {
            Files.delete(temp);
            return List.of();
        } catch (IOException e) {
            return List.of("the restored database is in place, but its temporary name " + temp + " could not be"
                    + " removed (" + e.getMessage() + "); remove it, it holds a copy of the data");
        }
    }

    private static LockedException appeared(RestoreTarget target, Throwable cause) {
        return new LockedException(target.written() + " appeared while the restore was being written; nothing was"
                + " replaced: look at what is there now and restore again", cause);
    }

    private static RefusedException occupied(RestoreTarget target) {
        return new RefusedException(target.written() + " already holds a SQLite database; restore with"
                + " --overwrite to replace it");
    }

    private static LockedException changed(RestoreTarget target, String how) {
        return new LockedException(target.written() + " changed after its current data was backed up (" + how
                + "); nothing was replaced: stop the writers and restore again");
    }

    private static Void syncToDisk(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
            return null;
        } catch (IOException e) {
            throw SqliteFailures.of(e, "syncing the restored database " + file + " to disk");
        }
    }

    /** Syncs the directory that holds {@code path}, so that its entry for it is on disk. */
    private static void syncDirectory(Path path, List<String> warnings) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try (FileChannel directory = FileChannel.open(parent, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every platform can sync a directory; the rename itself is done
            warnings.add("could not sync " + parent + " to disk: " + e.getMessage());
        }
    }

    private static List<Path> createParents(Path path) {
        List<Path> missing = new ArrayList<>();
        for (Path parent = path.getParent(); parent != null && !Files.exists(parent); parent = parent.getParent()) {
            missing.add(0, parent);
        }
        try {
            for (Path directory : missing) {
                Files.createDirectory(directory, OwnerOnlyFiles.ownerOnlyDirectory(directory));
            }
        } catch (IOException e) {
            RuntimeException failure = SqliteFailures.of(e, "creating the directory for " + path);
            deleteDirectories(missing, failure);
            throw failure;
        }
        return missing;
    }

    private static void cleanUp(Path temp, List<Path> createdDirectories, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        deleteDirectories(createdDirectories, failure);
    }

    private static void deleteDirectories(List<Path> directories, Throwable failure) {
        for (int i = directories.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(directories.get(i));
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
