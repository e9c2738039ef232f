package dev.lifeboat.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How each part of an archive is compressed. Each part is compressed on its own. */
public enum Compression {
    ZSTD("zstd", ".zst", 3, 1, 19),
    GZIP("gzip", ".gz", 6, 1, 9),
    NONE("none", "", 0, 0, 0);

    private final String id;
    private final String extension;
    private final int defaultLevel;
    private final int minLevel;
    private final int maxLevel;

    Compression(String id, String extension, int defaultLevel, int minLevel, int maxLevel) {
        this.id = id;
        this.extension = extension;
        this.defaultLevel = defaultLevel;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    /** The name used on the command line and in the manifest. */
    public String id() {
        return id;
    }

    /** The suffix a compressed part's archive member carries, such as {@code .zst}; empty for none. */
    public String extension() {
        return extension;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    public int minLevel() {
        return minLevel;
    }

    public int maxLevel() {
        return maxLevel;
    }

    public static Optional<Compression> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }
}
