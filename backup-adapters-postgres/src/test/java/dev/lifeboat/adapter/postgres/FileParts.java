package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.PartSink;
import dev.lifeboat.domain.spi.PartSource;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parts kept as files in a directory, for tests whose parts are too large to keep in memory: a {@link PartSink} for a
 * backup and a {@link PartSource} for a restore that checks each part's SHA-256 at its end, as the archive does.
 */
final class FileParts implements PartSink, PartSource {

    private final Path directory;
    private final Map<String, PartInfo> infos = new LinkedHashMap<>();

    FileParts(Path directory) {
        this.directory = directory;
    }

    @Override
    public OutputStream open(String name, PartRole role) {
        Path file = file(name);
        try {
            Files.createDirectories(file.getParent());
            MessageDigest digest = Sha256.newDigest();
            return new FilterOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest)) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    String sha = Sha256.hex(digest.digest());
                    long size = Files.size(file);
                    synchronized (FileParts.this) {
                        infos.put(name, new PartInfo(name, role, Compression.NONE, size, size, sha, sha,
                                Duration.ZERO));
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<PartInfo> parts() {
        return new ArrayList<>(infos.values());
    }

    @Override
    public InputStream open(String partName) {
        PartInfo info;
        synchronized (this) {
            info = infos.get(partName);
        }
        if (info == null) {
            throw new VerificationFailedException("no part named " + partName);
        }
        MessageDigest digest = Sha256.newDigest();
        try {
            return new FilterInputStream(new DigestInputStream(Files.newInputStream(file(partName)), digest)) {
                private boolean checked;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    int read = in.read(bytes, offset, length);
                    if (read < 0 && !checked) {
                        checked = true;
                        if (!Sha256.hex(digest.digest()).equals(info.rawSha256())) {
                            throw new VerificationFailedException("part " + partName + " is damaged");
                        }
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return directory.resolve(name);
    }
}
