package dev.lifeboat.domain.model;

import java.util.regex.Pattern;

/**
 * The fingerprint of one table.
 *
 * @param rows the number of rows
 * @param hash the sum, modulo 2^256, of the SHA-256 of every row's canonical bytes, as 64 lower-case hex digits
 */
public record TableFingerprint(long rows, String hash) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public TableFingerprint {
        if (rows < 0) {
            throw new IllegalArgumentException("row count must not be negative");
        }
        if (hash == null || !HEX_256.matcher(hash).matches()) {
            throw new IllegalArgumentException("table hash must be 64 lower-case hex digits");
        }
    }
}
