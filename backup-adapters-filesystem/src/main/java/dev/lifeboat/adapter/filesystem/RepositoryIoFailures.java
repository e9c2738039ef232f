package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Translates IOExceptions of a repository into the failures a user is shown. */
final class RepositoryIoFailures {

    private RepositoryIoFailures() {
    }

    /** A failure to write into the repository: a full disk is told apart, as the user can do something about it. */
    static LifeboatException writeFailure(Path repository, Path file, IOException e) {
        if (InsufficientSpaceException.indicatesFullDisk(e)) {
            return InsufficientSpaceException.whileWriting("the disk holding repository " + repository + " is full "
                    + "(while writing " + file.getFileName() + "): free some space or prune old backups, then retry", e);
        }
        return new UnavailableException("repository " + repository + " is not writable: cannot write " + file + ": "
                + describe(e), e);
    }

    /** The repository directory could not be created at the first write. */
    static LifeboatException directoryNotCreated(Path repository, IOException e) {
        if (InsufficientSpaceException.indicatesFullDisk(e)) {
            return InsufficientSpaceException.whileWriting("the disk holding repository " + repository + " is full "
                    + "(while creating the directory): free some space, then retry", e);
        }
        return notWritable(repository, "cannot create the directory: " + describe(e), e);
    }

    static UnavailableException notWritable(Path repository, String reason, Throwable cause) {
        return new UnavailableException("repository " + repository + " is not writable: " + reason, cause);
    }

    static UnavailableException readFailure(Path repository, Path file, IOException e) {
        return new UnavailableException("cannot read " + file + " in repository " + repository + ": " + describe(e), e);
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
