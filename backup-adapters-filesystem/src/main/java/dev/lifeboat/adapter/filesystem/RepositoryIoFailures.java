package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
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
                + IoFailures.describe(e), e);
    }

    /** The repository directory could not be created at the first write. */
    static LifeboatException directoryNotCreated(Path repository, IOException e) {
        if (InsufficientSpaceException.indicatesFullDisk(e)) {
            return InsufficientSpaceException.whileWriting("the disk holding repository " + repository + " is full "
                    + "(while creating the directory): free some space, then retry", e);
        }
        return notWritable(repository, "cannot create the directory: " + IoFailures.describe(e), e);
    }

    static UnavailableException notWritable(Path repository, String reason, Throwable cause) {
        return new UnavailableException("repository " + repository + " is not writable: " + reason, cause);
    }

    static UnavailableException readFailure(Path repository, Path file, IOException e) {
        return new UnavailableException("cannot read " + file + " in repository " + repository + ": "
                + IoFailures.describe(e), e);
    }

}
