package dev.lifeboat.adapter.archive;

import java.nio.charset.StandardCharsets;

/**
 * Makes the checksum of every ustar header in a byte array right again, the way an attacker crafting an archive would,
 * so that a fuzzer's changes to header fields reach the checks that come after the checksum.
 */
final class TarChecksums {

    private static final int BLOCK = 512;
    private static final int CHECKSUM_OFFSET = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int MAGIC_OFFSET = 257;
    private static final byte[] MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);

    private TarChecksums() {
    }

    /** A copy of {@code archive} in which each 512-byte block that carries the ustar magic has a correct checksum. */
    static byte[] resealed(byte[] archive) {
        byte[] copy = archive.clone();
        for (int block = 0; block + BLOCK <= copy.length; block += BLOCK) {
            if (hasMagic(copy, block)) {
                seal(copy, block);
            }
        }
        return copy;
    }

    private static boolean hasMagic(byte[] bytes, int block) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[block + MAGIC_OFFSET + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
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
