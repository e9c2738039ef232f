package dev.lifeboat.domain.service;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.model.TableInfo;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Data the service tests share. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-24T10:58:24Z");
    static final String HASH = "c".repeat(64);

    private Fixtures() {
    }

    static DatabaseDescription description(long sizeBytes) {
        return DatabaseDescription.of("sqlite", "3.53.0", "shop", "/data/shop.db", sizeBytes,
                List.of(new TableInfo("orders", 3)), Map.of("user_version", "7"), Map.of());
    }

    static Fingerprint fingerprint() {
        return Fingerprint.of("test-v1", HASH, Map.of("user_version", "7"),
                Map.of("orders", new TableFingerprint(3, HASH)));
    }

    static PartInfo part(String name) {
        return new PartInfo(name, PartRole.DATABASE_FILE, Compression.ZSTD, 10, 30, HASH, HASH, Duration.ZERO);
    }

    static Manifest manifest(String database, Instant createdAt) {
        return new Manifest(1, "test", createdAt, "sqlite", "3.53.0",
                SourceInfo.of("/data/" + database + ".db", database, 100, Map.of(), Map.of()), Optional.empty(),
                fingerprint(), new TreeMap<>(), List.of(part("database.sqlite")), List.of());
    }

    static Manifest manifestOfEngine(String engineId) {
        Manifest manifest = manifest("shop", NOW);
        return new Manifest(1, "test", NOW, engineId, "1", manifest.source(), Optional.empty(), fingerprint(),
                new TreeMap<>(), manifest.parts(), List.of());
    }

    static ArchiveInfo archive(String name) {
        return new ArchiveInfo(new BackupName(name), "/backups/" + name, 1234, NOW);
    }

    /** The bytes as a channel, read from the start. */
    static SeekableByteChannel channelOver(byte[] bytes) {
        return channelOver(bytes, () -> { });
    }

    /** The bytes as a channel, read from the start, running {@code beforeEachRead} before every read. */
    static SeekableByteChannel channelOver(byte[] bytes, Runnable beforeEachRead) {
        return new SeekableByteChannel() {
            private int position;

            @Override
            public int read(ByteBuffer destination) {
                beforeEachRead.run();
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(destination.remaining(), bytes.length - position);
                destination.put(bytes, position, n);
                position += n;
                return n;
            }

            @Override
            public int write(ByteBuffer source) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public SeekableByteChannel position(long newPosition) {
                position = (int) newPosition;
                return this;
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public SeekableByteChannel truncate(long size) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
