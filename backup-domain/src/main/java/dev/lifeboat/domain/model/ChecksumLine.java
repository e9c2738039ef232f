package dev.lifeboat.domain.model;

import dev.lifeboat.domain.error.VerificationFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checksum file beside an archive in every kind of repository, in the format of {@code sha256sum}, so
 * {@code sha256sum -c} checks an archive without lifeboat: {@code <64 hex>  <file name>} (text mode) or
 * {@code <64 hex> *<file name>} (binary mode). lifeboat writes text mode.
 *
 * @param sha256  the archive's SHA-256, 64 lower-case hex digits
 * @param archive the archive it is for
 */
public record ChecksumLine(String sha256, BackupName archive) {

    /** One line for one file name of at most 255 characters is far below this; more is not a checksum file of ours. */
    public static final int MAX_BYTES = 4096;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]{64}) [ *](.+)");

    public ChecksumLine {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(archive, "archive");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }

    /** The file's content: the line and a newline, in UTF-8. */
    public byte[] content() {
        return (sha256 + "  " + archive.value() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a checksum file.
     *
     * @param content  the file's bytes; a reader need not read more than {@link #MAX_BYTES} + 1 of them
     * @param archive  the archive the file must be for
     * @param location where the file is, for the message
     * @throws VerificationFailedException when the content is not one sha256sum line for that archive
     */
    public static ChecksumLine parse(byte[] content, BackupName archive, String location) {
        if (content.length > MAX_BYTES) {
            throw new VerificationFailedException("the checksum file " + location + " is larger than " + MAX_BYTES
                    + " bytes, so it is not a sha256sum line; it was damaged or replaced");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        Matcher matcher = LINE.matcher(text);
        if (text.contains("\n") || !matcher.matches()) {
            throw new VerificationFailedException("the checksum file " + location + " is not a sha256sum line "
                    + "('<sha256>  " + archive.value() + "'); it was damaged or replaced");
        }
        if (!matcher.group(2).equals(archive.value())) {
            throw new VerificationFailedException("the checksum file " + location + " is for '"
                    + matcher.group(2) + "', not for " + archive.value() + "; it was copied or renamed by mistake");
        }
        return new ChecksumLine(matcher.group(1).toLowerCase(Locale.ROOT), archive);
    }
}
