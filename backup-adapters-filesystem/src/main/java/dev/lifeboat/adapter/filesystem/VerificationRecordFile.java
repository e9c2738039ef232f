package dev.lifeboat.adapter.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The record of an archive's last verification, {@code NAME.lifeboat.tar.verified} beside it. Written to a temporary
 * file, synced and renamed over the previous record, so a reader sees the old record or the new one, never half of
 * one; a crash leaves a temporary file the leftover sweep removes.
 */
final class VerificationRecordFile {

    /** Larger than any record lifeboat writes; a larger file is not read whole. */
    static final int MAX_BYTES = 256 * 1024;

    private VerificationRecordFile() {
    }

    /** Replaces the record at {@code file} with the document. */
    static void write(Path repository, Path file, String document, TempFiles tempFiles) throws IOException {
        TempFiles.Created created = tempFiles.create(repository, "verified");
        try {
            try (FileChannel channel = created.channel()) {
                ByteBuffer content = ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(created.path(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ShutdownCleanup.deregister(created.path());
        } finally {
            TempFiles.deleteQuietly(List.of(created.path()));
        }
        PrivateFiles.syncDirectory(repository);
    }

    /**
     * The record at {@code file}: empty when there is none; the first {@link #MAX_BYTES} bytes of anything larger,
     * which its format then finds damaged.
     *
     * @throws IOException when something is there that is not a regular file, or it cannot be read
     */
    static Optional<String> read(Path file) throws IOException {
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                throw new IOException("not a regular file (a link, a directory or a pipe)");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES);
                for (int n = 0; n >= 0 && buffer.hasRemaining(); ) {
                    n = channel.read(buffer);
                }
                return Optional.of(new String(Arrays.copyOf(buffer.array(), buffer.position()),
                        StandardCharsets.UTF_8));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
