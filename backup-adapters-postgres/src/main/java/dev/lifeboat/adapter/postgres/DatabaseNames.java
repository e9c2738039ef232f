package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.spi.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names of the databases a restore makes beside its target. PostgreSQL cuts names at 63 bytes, so a long target's
 * part is shortened, and told apart by a hash, to keep the suffix whole.
 */
final class DatabaseNames {

    private static final int MAX_BYTES = 63;
    private static final int HASH_DIGITS = 8;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private DatabaseNames() {
    }

    /** Where a restore to {@code target} loads and checks the data before the swap; one per target. */
    static String restoreScratch(String target) {
        return withSuffix(target, "_lifeboat_restore");
    }

    /** The name the replaced database keeps: {@code shop_before_restore_20261129_101500}. */
    static String previous(String target, Clock clock) {
        return withSuffix(target, "_before_restore_" + STAMP.format(clock.instant()));
    }

    /**
     * Where a restored database goes when the database it replaced is put back, and it was written to meanwhile:
     * {@code shop_restored_20261129_101500}.
     */
    static String restoredAside(String target, Clock clock) {
        return withSuffix(target, "_restored_" + STAMP.format(clock.instant()));
    }

    /** A deep verification's scratch database, unique to this process and moment. */
    static String verifyScratch(Clock clock) {
        return "lifeboat_verify_" + ProcessHandle.current().pid() + "_" + clock.millis();
    }

    /**
     * The name with the suffix, whole when it fits; otherwise the name is shortened and followed by a hash of all of
     * it, so that two long names sharing their beginning never share a scratch database.
     */
    private static String withSuffix(String name, String suffix) {
        int suffixBytes = suffix.getBytes(StandardCharsets.UTF_8).length;
        if (name.getBytes(StandardCharsets.UTF_8).length + suffixBytes <= MAX_BYTES) {
            return name + suffix;
        }
        String hash = "_" + Sha256.hex(name).substring(0, HASH_DIGITS);
        int room = MAX_BYTES - suffixBytes - hash.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > room) {
                break;
            }
            kept.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return kept + hash + suffix;
    }
}
