package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifest's checksum of itself, field {@code manifestSha256}: the SHA-256 of manifest.json as stored, computed
 * with the field's 64 hex digits written as zeros (as a tar header's checksum is computed with its own field as
 * spaces). The parts are checked against the manifest; this checks the manifest, so that a changed creation time or
 * source is caught by the archive itself, not only by the sidecar beside it.
 *
 * <p>lifeboat writes the field last. Format 2 requires it; a format 1 manifest, written before there was a seal, is
 * read without.
 */
final class ManifestSeal {

    static final String FIELD = "manifestSha256";

    /** What the writer puts in the field before the digest is known. */
    static final String UNSEALED = "0".repeat(64);

    /** The field as a JSON member; lifeboat writes it last, at the top level. */
    private static final Pattern MEMBER = Pattern.compile("\"" + FIELD + "\"\\s*:\\s*\"([^\"\\\\]*)\"");

    private ManifestSeal() {
    }

    /** The document with its seal's value, whatever it was, replaced by the digest of the document. */
    static byte[] seal(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        Matcher member = MEMBER.matcher(text);
        int start = -1;
        int end = -1;
        while (member.find()) {
            start = member.start(1);
            end = member.end(1);
        }
        if (start < 0) {
            throw new IllegalArgumentException("the manifest has no " + FIELD + " member to seal");
        }
        String unsealed = text.substring(0, start) + UNSEALED + text.substring(end);
        return (text.substring(0, start) + digest(unsealed) + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a manifest's seal.
     *
     * @param seal the value of the document's {@value #FIELD}, already known to be 64 lower-case hex digits
     * @throws VerificationFailedException when it does not match the document
     */
    static void check(String document, String seal, String archiveName) {
        // the seal's value as the document spells it; a value spelt otherwise (JSON escapes) leaves nothing to zero
        int quoted = document.lastIndexOf('"' + seal + '"');
        String unsealed = quoted < 0 ? document
                : document.substring(0, quoted + 1) + UNSEALED + document.substring(quoted + 1 + seal.length());
        if (!digest(unsealed).equals(seal)) {
            throw new VerificationFailedException(archiveName + " is corrupt: its manifest.json does not match its "
                    + "own checksum (\"" + FIELD + "\"): it was changed after it was written");
        }
    }

    private static String digest(String document) {
        return Sha256.hex(Sha256.newDigest().digest(document.getBytes(StandardCharsets.UTF_8)));
    }
}
