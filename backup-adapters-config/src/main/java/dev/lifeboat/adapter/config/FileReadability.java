package dev.lifeboat.adapter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** What the file system says about who may read a file. */
final class FileReadability {

    private FileReadability() {
    }

    /** Whether the file's group or other users may read it; false where the file system keeps no POSIX permissions. */
    static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            // Windows and some mounted file systems keep no POSIX permissions: there is nothing to warn about
            return false;
        }
    }
}
