package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/** Translates IOExceptions of a repository into the failures a user is shown. */
final class IoFailures {

    private static final String[] DISK_FULL = {"no space left on device", "disk quota exceeded"};

    private IoFailures() {
    }

    /** A failure to write into the repository: a full disk is told apart, as the user can do something about it. */
    static LifeboatException writeFailure(Path repository, Path file, IOException e) {
        if (isDiskFull(e)) {
            return new InsufficientSpaceException("the disk holding repository " + repository + " is full (while "
                    + "writing " + file.getFileName() + "): free some space or prune old backups, then retry",
                    -1, -1, e);
        }
        return new UnavailableException("repository " + repository + " is not writable: cannot write " + file + ": "
                + describe(e), e);
    }

    static UnavailableException readFailure(Path repository, Path file, IOException e) {
        return new UnavailableException("cannot read " + file + " in repository " + repository + ": " + describe(e), e);
    }

    static boolean isDiskFull(IOException e) {
        String text = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : String.valueOf(e.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        for (String sign : DISK_FULL) {
            if (lower.contains(sign)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong, in words: a FileSystemException's message is often only a path (the reason is implied by its
     * type), which tells a user nothing.
     */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way: " + e.getMessage();
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
