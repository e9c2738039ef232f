package dev.lifeboat.adapter.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files and directories readable by their owner only. Backups hold data, so the permissions are given at
 * creation: there is never a moment when another user could open the file, and a symbolic link planted at the name
 * makes the creation fail instead of being followed.
 */
final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] FILE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] DIRECTORY = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0];
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> OPEN_OR_CREATE = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private PrivateFiles() {
    }

    /**
     * A new file open for writing, and reading back what was written (an archive's checksum after it was written
     * in place); fails if anything, even a dangling symbolic link, already has the name.
     */
    static FileChannel createNew(Path file) throws IOException {
        return FileChannel.open(file, CREATE_NEW, FILE);
    }

    /** Opens a file, creating it private when missing, without following a symbolic link at its name. */
    static FileChannel openOrCreate(Path file) throws IOException {
        return FileChannel.open(file, OPEN_OR_CREATE, FILE);
    }

    /** Creates a directory and its missing parents, each readable by its owner only. */
    static void createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory, DIRECTORY);
    }

    /**
     * Makes renames and deletions in a directory durable. Some file systems refuse to open or sync a directory; they
     * order such updates themselves, so that refusal is not a failure.
     */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // see above: nothing more can be done, and the rename itself succeeded
        }
    }
}
