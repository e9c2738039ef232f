package dev.lifeboat.cli.output;

import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file the command line writes for the user (an exported script): made under a temporary name beside its final
 * name, readable by its owner only, forced to disk and renamed once complete, so that it appears whole or not at all.
 * The temporary file is deleted on failure, and on Ctrl-C by the JVM's shutdown.
 */
public final class PrivateFile {

    private final Path temporary;
    private FileChannel channel;

    private PrivateFile(Path temporary) {
        this.temporary = temporary;
    }

    /**
     * Creates the temporary file beside {@code file}.
     *
     * @throws UnavailableException when its directory does not exist or cannot be written
     */
    public static PrivateFile beside(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            temporary.toFile().deleteOnExit();
            return new PrivateFile(temporary);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("cannot write " + file + ": the directory " + directory + " does not exist", e);
        } catch (IOException e) {
            throw new UnavailableException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stream into the temporary file; closing it closes the file. */
    public OutputStream open() throws IOException {
        channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return Channels.newOutputStream(channel);
    }

    /** Forces the complete file to disk and gives it its final name, replacing a file of that name atomically. */
    public void moveTo(Path file) throws IOException {
        try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UnavailableException("cannot rename " + temporary + " to " + file + " atomically", e);
        }
    }

    /** Deletes the temporary file, after a failure. */
    public void delete() {
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // the JVM deletes it on exit (deleteOnExit), and the failure being reported matters more
        }
    }

}
