package dev.lifeboat.domain.contract;

import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ScratchSpace} in a test's temporary directory that remembers what it created. */
public final class DirectoryScratch implements ScratchSpace {

    private final Path directory;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<Path> created = new ArrayList<>();

    public DirectoryScratch(Path directory) {
        this.directory = directory;
    }

    @Override
    public synchronized Path newFile(String purpose) {
        try {
            Path file = Files.createFile(directory.resolve("scratch-" + counter.incrementAndGet() + "-" + purpose));
            created.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files of this space still on disk. */
    public synchronized List<Path> remaining() {
        return created.stream().filter(Files::exists).toList();
    }

    @Override
    public synchronized void close() {
        for (Path file : created) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
