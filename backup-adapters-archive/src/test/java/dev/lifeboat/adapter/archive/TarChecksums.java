package dev.lifeboat.adapter.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes the checksum of every ustar header in a byte array right again, and the seal of manifest.json
 * ({@link ManifestSeal}), the way an attacker crafting an archive would, so that a fuzzer's changes to header fields
 * and to the manifest reach the checks that come after the checksums.
 */
final class TarChecksums {

    private static final int BLOCK = 512;
    private static final int CHECKSUM_OFFSET = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int MAGIC_OFFSET = 257;
    private static final byte[] MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MANIFEST_NAME = (TarMembers.MANIFEST + "\0").getBytes(StandardCharsets.US_ASCII);
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;

    private TarChecksums() {
    }

    /**
     * A copy of {@code archive} in which each 512-byte block that carries the ustar magic has a correct checksum, and
     * the data of a manifest.json header, when it has a seal of 64 characters, a correct seal.
     */
    static byte[] resealed(byte[] archive) {
        byte[] copy = archive.clone();
        for (int block = 0; block + BLOCK <= copy.length; block += BLOCK) {
            if (has(copy, block + MAGIC_OFFSET, MAGIC)) {
                if (has(copy, block, MANIFEST_NAME)) {
                    sealManifest(copy, block);
                }
                seal(copy, block);
            }
        }
        return copy;
    }

    private static boolean has(byte[] bytes, int offset, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static void sealManifest(byte[] bytes, int block) {
        long size = octal(bytes, block + SIZE_OFFSET, SIZE_LENGTH);
        int start = block + BLOCK;
        if (size < 0 || size > bytes.length - start) {
            return;
        }
        byte[] document = Arrays.copyOfRange(bytes, start, start + (int) size);
        try {
            byte[] sealed = ManifestSeal.seal(document);
            if (sealed.length == document.length) {
                System.arraycopy(sealed, 0, bytes, start, sealed.length);
            }
        } catch (IllegalArgumentException unsealed) {
            // no seal to make right
        }
    }

    /** An octal number field, or -1 when it is not one. */
    private static long octal(byte[] bytes, int offset, int length) {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length && bytes[i] != 0 && bytes[i] != ' '; i++) {
            if (bytes[i] < '0' || bytes[i] > '7' || value > Integer.MAX_VALUE) {
                return -1;
            }
            value = value * 8 + (bytes[i] - '0');
            digits = true;
        }
        return digits ? value : -1;
    }

    private static void seal(byte[] bytes, int block) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inChecksum = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH;
            sum += inChecksum ? ' ' : bytes[block + i] & 0xFF;
        }
        byte[] field = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, bytes, block + CHECKSUM_OFFSET, 6);
        bytes[block + CHECKSUM_OFFSET + 6] = 0;
        bytes[block + CHECKSUM_OFFSET + 7] = ' ';
    }
}
