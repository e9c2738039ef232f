package dev.lifeboat.domain.contract;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.PartSink;
import dev.lifeboat.domain.spi.PartSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parts kept in memory, standing in for an archive in engine tests: a {@link PartSink} for a backup and a
 * {@link PartSource} for a restore that, like the real archive reader, checks each part's SHA-256 at its end.
 */
public final class InMemoryParts implements PartSink, PartSource {

    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final Map<String, PartInfo> infos = new LinkedHashMap<>();

    @Override
    public synchronized OutputStream open(String name, PartRole role) {
        PartNames.requireSafe(name);
        if (infos.containsKey(name) || contents.containsKey(name)) {
            throw new IllegalStateException("part written twice: " + name);
        }
        contents.put(name, new byte[0]);
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                byte[] bytes = toByteArray();
                String sha = Sha256.hex(Sha256.newDigest().digest(bytes));
                synchronized (InMemoryParts.this) {
                    contents.put(name, bytes);
                    infos.put(name, new PartInfo(name, role, Compression.NONE, bytes.length, bytes.length, sha, sha,
                            Duration.ZERO));
                }
            }
        };
    }

    @Override
    public synchronized List<PartInfo> parts() {
        return new ArrayList<>(infos.values());
    }

    @Override
    public synchronized InputStream open(String partName) {
        PartInfo info = infos.get(partName);
        if (info == null) {
            throw new VerificationFailedException("no part named " + partName);
        }
        return new VerifyingStream(new ByteArrayInputStream(contents.get(partName)), info);
    }

    /** The bytes of a part, for assertions. */
    public synchronized byte[] bytes(String partName) {
        return contents.get(partName).clone();
    }

    /** Flips one bit of a part's stored bytes, as damage on disk would. */
    public synchronized void damage(String partName, int offset) {
        contents.get(partName)[offset] ^= 0x01;
    }

    private static final class VerifyingStream extends FilterInputStream {
        private final java.security.MessageDigest digest = Sha256.newDigest();
        private final PartInfo info;
        private boolean checked;

        VerifyingStream(InputStream in, PartInfo info) {
            super(in);
            this.info = info;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            } else if (n < 0 && !checked) {
                checked = true;
                String actual = Sha256.hex(digest.digest());
                if (!actual.equals(info.rawSha256())) {
                    throw new VerificationFailedException("part " + info.name() + " is damaged: SHA-256 " + actual
                            + " does not match " + info.rawSha256());
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }
    }
}
