package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checksum file beside an archive, in the format of {@code sha256sum}, so {@code sha256sum -c} checks an archive
 * without lifeboat: {@code <64 hex>  <file name>} (text mode) or {@code <64 hex> *<file name>} (binary mode).
 */
final class Sidecar {

    /** One line for one file name of at most 255 characters is far below this; more is not a sidecar of ours. */
    static final int MAX_BYTES = 4096;
    private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]{64}) [ *](.+)");

    private Sidecar() {
    }

    static byte[] content(String sha256Hex, BackupName archive) {
        return (sha256Hex + "  " + archive.value() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The lower-case SHA-256 a sidecar records for an archive.
     *
     * @throws VerificationFailedException when the content is not one sha256sum line for that archive
     */
    static String recordedSha256(byte[] content, BackupName archive, String sidecarLocation) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        Matcher matcher = LINE.matcher(text);
        if (text.contains("\n") || !matcher.matches()) {
            throw new VerificationFailedException("the checksum file " + sidecarLocation + " is not a sha256sum line "
                    + "('<sha256>  " + archive.value() + "'); it was damaged or replaced");
        }
        if (!matcher.group(2).equals(archive.value())) {
            throw new VerificationFailedException("the checksum file " + sidecarLocation + " is for '"
                    + matcher.group(2) + "', not for " + archive.value() + "; it was copied or renamed by mistake");
        }
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }
}
