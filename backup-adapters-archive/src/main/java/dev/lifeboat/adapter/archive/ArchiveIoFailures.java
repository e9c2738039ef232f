package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/** Turns I/O failures into the failures a user sees, telling a full disk apart from every other write failure. */
final class ArchiveIoFailures {


    private ArchiveIoFailures() {
    }

    /**
     * A failure to write.
     *
     * @param what what was being written, such as "part database.sqlite to its spool file /tmp/x"
     */
    static LifeboatException writing(String what, IOException failure) {
        if (InsufficientSpaceException.indicatesFullDisk(failure)) {
            return InsufficientSpaceException.whileWriting("the disk is full: cannot write " + what + " ("
                    + describe(failure) + "); free some space or back up to a repository with more room, "
                    + "then try again", failure);
        }
        return new UnavailableException("cannot write " + what + ": " + describe(failure), failure);
    }

    /** A failure to read an archive that is there, as opposed to damage in what was read. */
    static LifeboatException reading(String archiveName, IOException failure) {
        if (failure instanceof ClosedByInterruptException) {
            return new OperationInterruptedException("interrupted while reading " + archiveName, failure);
        }
        if (failure instanceof ClosedChannelException) {
            return new UnavailableException("cannot read " + archiveName + ": the archive was closed while it was read",
                    failure);
        }
        return new UnavailableException("cannot read " + archiveName + ": " + describe(failure)
                + "; check that the file and its storage are accessible", failure);
    }


    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
