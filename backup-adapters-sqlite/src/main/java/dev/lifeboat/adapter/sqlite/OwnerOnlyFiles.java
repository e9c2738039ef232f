package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Owner-only modes for what holds data, and carrying an old file's mode and owner over to its replacement. */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    static FileAttribute<?>[] ownerOnlyFile(Path where) {
        return isPosix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    static FileAttribute<?>[] ownerOnlyDirectory(Path where) {
        return isPosix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)}
                : new FileAttribute<?>[0];
    }

    /**
     * Gives a new file the mode, owner and group of the file it replaces.
     *
     * @return a warning when the owner could not be kept (only root may give a file away)
     */
    static Optional<String> copy(Path from, Path to) throws IOException {
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (target == null) {
            return Optional.empty();
        }
        PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class);
        target.setPermissions(old.permissions());
        PosixFileAttributes now = target.readAttributes();
        if (now.owner().equals(old.owner()) && now.group().equals(old.group())) {
            return Optional.empty();
        }
        try {
            target.setGroup(old.group());
            target.setOwner(old.owner());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the restored file belongs to " + now.owner().getName() + ", not to "
                    + old.owner().getName() + " as the file it replaced did (" + e.getMessage()
                    + "); give it back with chown if the application needs it");
        }
    }

    private static boolean isPosix(Path where) {
        return where.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
