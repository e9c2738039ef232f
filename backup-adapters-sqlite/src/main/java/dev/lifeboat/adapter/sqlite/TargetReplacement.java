package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.port.out.RestoreJob;
import dev.lifeboat.domain.port.out.RestoreOutcome;
import dev.lifeboat.domain.port.out.TargetState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A restore that never leaves a half-restored target: the database is written to a hidden file beside the target,
 * checked, and only then renamed over it in one atomic step. Any failure before the rename removes the new file
 * and leaves the target as it was.
 */
final class TargetReplacement {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TargetReplacement() {
    }

    static RestoreOutcome restore(RestoreJob job) {
        RestoreTarget target = RestoreTarget.of(job.target());
        TargetState state = target.probe();
        if (state == TargetState.OCCUPIED && !job.replaceExisting()) {
            throw new RefusedException(target.written() + " already holds a SQLite database; restore with"
                    + " --overwrite to replace it");
        }
        Path path = target.path();
        List<Path> createdDirectories = createParents(path);
        Path temp = path.resolveSibling("." + path.getFileName() + ".lifeboat-restore-"
                + HexFormat.of().formatHex(randomBytes()));
        // Ctrl-C or SIGTERM skip the clean-up below; the JVM's exit then removes the file (and after a rename
        // there is nothing left under the temporary name to remove)
        createdDirectories.forEach(directory -> directory.toFile().deleteOnExit());
        temp.toFile().deleteOnExit();
        List<String> warnings = new ArrayList<>();
        RestoredDatabaseCheck.Result checked;
        try {
            // CREATE_NEW fails on anything already there, so a planted link is never followed
            try (FileChannel file = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), FilePermissions.ownerOnlyFile(temp))) {
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
            if (Files.exists(path)) {
                FilePermissions.copy(path, temp).ifPresent(warnings::add);
                target.release();
            } else {
                // leftovers of a database that is gone would be read as part of the new one
                DatabaseFile.deleteCompanions(path);
            }
            ProcessScan.requireUnused(path, target.written());
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
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
        finish(path, warnings);
        return new RestoreOutcome(path.toString(), checked.checks(), warnings);
    }

    private static Void syncToDisk(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
            return null;
        } catch (IOException e) {
            throw SqliteFailures.of(e, "syncing the restored database " + file + " to disk");
        }
    }

    // the old file's log and journal are empty or gone by now; removing them keeps SQLite from ever pairing them
    // with the new file
    private static void finish(Path path, List<String> warnings) {
        for (Path companion : DatabaseFile.companions(path)) {
            try {
                Files.deleteIfExists(companion);
            } catch (IOException e) {
                warnings.add("could not remove " + companion + " left by the replaced database: " + e.getMessage());
            }
        }
        try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every platform can sync a directory; the rename itself is done
            warnings.add("could not sync " + path.getParent() + " to disk: " + e.getMessage());
        }
    }

    private static List<Path> createParents(Path path) {
        List<Path> missing = new ArrayList<>();
        for (Path parent = path.getParent(); parent != null && !Files.exists(parent); parent = parent.getParent()) {
            missing.add(0, parent);
        }
        try {
            for (Path directory : missing) {
                Files.createDirectory(directory, FilePermissions.ownerOnlyDirectory(directory));
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
