package dev.lifeboat.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The file name of an archive in a repository, such as {@code chinook_nightly_2026-11-24T10-58-24Z.lifeboat.tar}, or
 * {@code chinook_nightly_2026-11-24T10-58-24Z.lifeboat.tar.age} for an archive encrypted to public keys. The part
 * before the suffix is the archive's stem: a repository never holds one stem under both suffixes.
 *
 * @param value the name, without any directory
 */
public record BackupName(String value) {

    public static final String SUFFIX = ".lifeboat.tar";
    /** The suffix of an encrypted archive: the plain archive's, with the encryption layer's after it. */
    public static final String ENCRYPTED_SUFFIX = SUFFIX + ".age";
    public static final String SIDECAR_SUFFIX = ".sha256";
    /** What follows an archive's name in the name of the record of its last verification. */
    public static final String VERIFICATION_SUFFIX = ".verified";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*"
            + "(" + Pattern.quote(SUFFIX) + "|" + Pattern.quote(ENCRYPTED_SUFFIX) + ")");

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

    /** Whether the archive is encrypted: its bytes are ciphertext, readable only with an identity. */
    public boolean encrypted() {
        return value.endsWith(ENCRYPTED_SUFFIX);
    }

    /** The name without its suffix ({@code chinook_2026-11-24T10-58-24Z}). */
    public String stem() {
        return value.substring(0, value.length() - (encrypted() ? ENCRYPTED_SUFFIX : SUFFIX).length());
    }

    /** The encrypted archive of the same stem. */
    public BackupName asEncrypted() {
        return new BackupName(stem() + ENCRYPTED_SUFFIX);
    }

    /** The same stem under the other suffix: the name this archive's stem must not also have. */
    public BackupName twin() {
        return new BackupName(stem() + (encrypted() ? SUFFIX : ENCRYPTED_SUFFIX));
    }

    /** The name of the checksum file beside the archive, in {@code sha256sum -c} format. */
    public String sidecarName() {
        return value + SIDECAR_SUFFIX;
    }

    /** The name of the record of the archive's last verification, kept beside it. */
    public String verificationRecordName() {
        return value + VERIFICATION_SUFFIX;
    }

    @Override
    public String toString() {
        return value;
    }
}
