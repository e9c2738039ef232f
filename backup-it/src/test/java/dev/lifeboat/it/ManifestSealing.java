package dev.lifeboat.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seals a manifest as docs/archive-format.md describes it, written from that description rather than with lifeboat's
 * code: the SHA-256 of the document with the 64 digits of its {@code manifestSha256} written as zeros. Tests that
 * change a manifest on purpose seal it again, as a writer would, so that what they changed is what lifeboat must
 * notice, not the broken seal.
 */
final class ManifestSealing {

    private static final Pattern SEAL = Pattern.compile("\"manifestSha256\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private ManifestSealing() {
    }

    /** The document with a correct seal; unchanged when it has no seal of 64 hex digits. */
    static byte[] resealed(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        Matcher seal = SEAL.matcher(text);
        int start = -1;
        int end = -1;
        while (seal.find()) {
            start = seal.start(1);
            end = seal.end(1);
        }
        if (start < 0) {
            return document;
        }
        String zeros = text.substring(0, start) + "0".repeat(64) + text.substring(end);
        String digest = HexFormat.of().formatHex(sha256().digest(zeros.getBytes(StandardCharsets.UTF_8)));
        return (text.substring(0, start) + digest + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
