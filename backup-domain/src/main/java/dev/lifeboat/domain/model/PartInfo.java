package dev.lifeboat.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One part of an archive as the manifest records it.
 *
 * @param name         the part's name, a relative path such as {@code database.sqlite} or {@code data/public.film.copy}
 * @param role         what the part holds
 * @param compression  how its stored bytes are compressed
 * @param storedSize   size of the stored (compressed) bytes
 * @param rawSize      size of the raw (decompressed) bytes
 * @param storedSha256 SHA-256 of the stored bytes, lower-case hex
 * @param rawSha256    SHA-256 of the raw bytes, lower-case hex
 * @param duration     how long writing the part took
 */
public record PartInfo(String name, PartRole role, Compression compression, long storedSize, long rawSize,
                       String storedSha256, String rawSha256, Duration duration) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public PartInfo {
        PartNames.requireSafe(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(duration, "duration");
        if (storedSize < 0 || rawSize < 0) {
            throw new IllegalArgumentException("part sizes must not be negative: " + name);
        }
        if (!SHA256_HEX.matcher(storedSha256).matches() || !SHA256_HEX.matcher(rawSha256).matches()) {
            throw new IllegalArgumentException("part hashes must be 64 lower-case hex digits: " + name);
        }
    }

    /** The name of the archive member that holds this part: the part name plus the compression's extension. */
    public String memberName() {
        return name + compression.extension();
    }
}
