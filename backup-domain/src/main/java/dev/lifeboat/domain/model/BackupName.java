package dev.lifeboat.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The file name of an archive in a repository, such as {@code chinook_nightly_2026-11-24T10-58-24Z.lifeboat.tar}.
 *
 * @param value the name, without any directory
 */
public record BackupName(String value) {

    public static final String SUFFIX = ".lifeboat.tar";
    public static final String SIDECAR_SUFFIX = ".sha256";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*" + Pattern.quote(SUFFIX));

    public BackupName {
        Objects.requireNonNull(value, "value");
        if (!isArchiveName(value)) {
            throw new IllegalArgumentException("not an archive name: " + value);
        }
    }

    /** Whether a file name is that of an archive (and not, say, a temporary file or a sidecar). */
    public static boolean isArchiveName(String fileName) {
        return fileName.length() <= 255 && ALLOWED.matcher(fileName).matches();
    }

    /** The name of the checksum file beside the archive, in {@code sha256sum -c} format. */
    public String sidecarName() {
        return value + SIDECAR_SUFFIX;
    }

    @Override
    public String toString() {
        return value;
    }
}
