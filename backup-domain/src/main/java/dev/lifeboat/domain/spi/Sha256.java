package dev.lifeboat.domain.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; every Java runtime has the algorithm, so its absence is a broken runtime, not a user error. */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** {@return a new SHA-256 digest} */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /**
     * Lower-case hex of the SHA-256 of a text's UTF-8 bytes.
     *
     * @param text the text
     * @return 64 hex digits
     */
    public static String hex(String text) {
        return hex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Lower-case hex of raw bytes, such as a finished digest.
     *
     * @param bytes the bytes
     * @return two hex digits per byte
     */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
