package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Puts a finished file at a name where nothing is, without replacing anything that appeared there meanwhile. A hard
 * link, unlike a rename, fails rather than replace a file at the new name; only a file system that has no hard links
 * at all gets a plain atomic rename instead, the best it offers. Any other failure of the link (no permission, no
 * space, too many links, an I/O error) is a failure of the placement: falling back to a rename then would give up
 * the no-clobber guarantee for no reason.
 */
final class NewFilePlacement {

    /**
     * How link(2) says that a file system has no hard links: EPERM (FAT, exFAT: "the file system containing oldpath
     * does not support the creation of hard links"), EOPNOTSUPP/ENOTSUP (some network and FUSE file systems) and
     * ENOSYS. The JDK reports them as a plain {@link FileSystemException} whose reason is strerror's text.
     */
    private static final Set<String> NO_HARD_LINKS = Set.of("Operation not permitted", "Operation not supported",
            "Function not implemented");

    /** Makes a hard link, as {@link Files#createLink}; a seam for tests. */
    @FunctionalInterface
    interface Linker {
        void link(Path link, Path existing) throws IOException;
    }

    private final Linker linker;

    NewFilePlacement() {
        this(Files::createLink);
    }

    NewFilePlacement(Linker linker) {
        this.linker = linker;
    }

    /**
     * Links {@code file} at {@code target}; where the file system has no hard links, renames it there instead.
     *
     * @return whether {@code file} is still there under its own name (linked, not renamed), for the caller to remove
     * @throws java.nio.file.FileAlreadyExistsException when something is at {@code target}
     * @throws IOException any other failure; then nothing was placed
     */
    boolean place(Path file, Path target) throws IOException {
        try {
            linker.link(target, file);
            return true;
        } catch (UnsupportedOperationException e) {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return false;
        } catch (FileSystemException e) {
            if (!hasNoHardLinks(e)) {
                throw e;
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return false;
        }
    }

    /** Whether a failed link says the file system has no hard links, rather than anything else going wrong. */
    static boolean hasNoHardLinks(FileSystemException e) {
        return e.getClass() == FileSystemException.class && e.getReason() != null
                && NO_HARD_LINKS.contains(e.getReason());
    }
}
