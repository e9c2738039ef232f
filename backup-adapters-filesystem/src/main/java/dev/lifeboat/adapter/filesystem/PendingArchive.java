package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.ChecksumLine;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * An archive being written to a temporary file. Commit publishes it in an order that survives a crash at any point:
 * data synced, then the sidecar renamed into place, then the archive, so a visible archive always has its sidecar and
 * a crash leaves at most a temporary file or a lone sidecar, both removed by a later run's leftover sweep. No copy of
 * the manifest is kept: opening a local archive to read it is cheap.
 */
final class PendingArchive implements NewArchive {

    private enum State { WRITING, COMMITTED, DISCARDED }

    private final Path repository;
    private final BackupName name;
    private final HeldLock lock;
    private final TempFiles tempFiles;
    private final Path tempFile;
    private final FileChannel channel;
    private final HashingOutput output;
    private Optional<Path> tempSidecar = Optional.empty();
    private State state = State.WRITING;

    /**
     * @param writes what the archive's bytes go through on the way to the temporary file; tests put a failing
     *               channel here to see how a full disk is reported
     */
    PendingArchive(Path repository, BackupName name, HeldLock lock, TempFiles tempFiles, TempFiles.Created temp,
                   UnaryOperator<WritableByteChannel> writes) {
        this.repository = repository;
        this.name = name;
        this.lock = lock;
        this.tempFiles = tempFiles;
        this.tempFile = temp.path();
        this.channel = temp.channel();
        this.output = new HashingOutput(writes.apply(channel), channel, this::writeFailed);
    }

    @Override
    public BackupName name() {
        return name;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public synchronized StoredArchive commit(Optional<String> manifestDocument) {
        if (state != State.WRITING) {
            throw new IllegalStateException("archive " + name + " was already " + state.name().toLowerCase(Locale.ROOT)
                    + " and cannot be committed");
        }
        if (!lock.guards(repository)) {
            throw new IllegalStateException("the lock of repository " + repository + " was released before archive "
                    + name + " was committed");
        }
        Path archive = repository.resolve(name.value());
        Path sidecar = repository.resolve(name.sidecarName());
        Path writing = tempFile;
        boolean sidecarPlaced = false;
        try {
            String sha256 = syncedWhileHashed();
            channel.close();
            writing = sidecar;
            Path newSidecar = writeSidecar(sha256);
            if (Files.exists(archive, LinkOption.NOFOLLOW_LINKS)) {
                discard();
                throw new RefusedException("something named " + name + " appeared in repository " + repository
                        + " while the archive was being written; the new archive was discarded, so nothing was "
                        + "replaced: run the backup again");
            }
            Files.move(newSidecar, sidecar, StandardCopyOption.ATOMIC_MOVE);
            sidecarPlaced = true;
            ShutdownCleanup.deregister(newSidecar);
            writing = archive;
            Files.move(tempFile, archive, StandardCopyOption.ATOMIC_MOVE);
            ShutdownCleanup.deregister(tempFile);
            state = State.COMMITTED;
        } catch (IOException e) {
            LifeboatException failure = RepositoryIoFailures.writeFailure(repository, writing, e);
            discard();
            if (sidecarPlaced) {
                deleteQuietly(sidecar);
            }
            throw failure;
        }
        PrivateFiles.syncDirectory(repository);
        return FileSystemArchive.at(repository, name).orElseThrow(() -> new IllegalStateException(
                "archive " + archive + " vanished right after it was committed"));
    }

    @Override
    public synchronized void close() {
        if (state == State.WRITING) {
            discard();
        }
    }

    /**
     * Syncs the file while its checksum is finished, which for an archive written in place means reading it back:
     * both only read what is written, and the sync is mostly the disk's time, so neither waits for the other.
     */
    private String syncedWhileHashed() throws IOException {
        output.close(); // what is buffered reaches the file before the sync starts
        CompletableFuture<Void> synced = new CompletableFuture<>();
        Thread sync = new Thread(() -> {
            try {
                channel.force(true);
                synced.complete(null);
            } catch (IOException | RuntimeException e) {
                synced.completeExceptionally(e);
            }
        }, "lifeboat-archive-sync");
        sync.setDaemon(true);
        sync.start();
        String sha256 = output.finish();
        try {
            synced.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
        return sha256;
    }

    private Path writeSidecar(String sha256) throws IOException {
        TempFiles.Created created = tempFiles.create(repository, "sha256");
        tempSidecar = Optional.of(created.path());
        try (FileChannel sidecarChannel = created.channel()) {
            ByteBuffer content = ByteBuffer.wrap(new ChecksumLine(sha256, name).content());
            while (content.hasRemaining()) {
                sidecarChannel.write(content);
            }
            sidecarChannel.force(true);
        }
        return created.path();
    }

    /** Called by the output when a write fails: the partial file goes at once, freeing the space it took. */
    private LifeboatException writeFailed(IOException e) {
        LifeboatException failure = RepositoryIoFailures.writeFailure(repository, tempFile, e);
        discard();
        return failure;
    }

    private void discard() {
        state = State.DISCARDED;
        output.abandon();
        try {
            channel.close();
        } catch (IOException e) {
            // the file is deleted next; a descriptor that would not close changes nothing for the user
        }
        List<Path> temporary = new ArrayList<>(List.of(tempFile));
        tempSidecar.ifPresent(temporary::add);
        TempFiles.deleteQuietly(temporary);
    }

    /** A sidecar without its archive is a leftover that a later sweep removes, so a failure here can wait. */
    private static void deleteQuietly(Path sidecar) {
        try {
            Files.deleteIfExists(sidecar);
        } catch (IOException e) {
            // see above
        }
    }
}
