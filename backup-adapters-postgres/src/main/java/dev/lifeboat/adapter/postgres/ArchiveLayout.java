package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.spi.Sha256;

/**
 * The parts of a PostgreSQL archive (docs/archive-format.md): {@code schema/pre-data.sql}, one
 * {@code data/<schema>.<table>.copy} per table, {@code data.psql} naming which part fills which table,
 * {@code data/large-objects.sql} when the database has large objects, {@code schema/post-data.sql} and
 * {@code schema/description.txt}; and how its fingerprint is computed.
 */
final class ArchiveLayout {

    static final String PRE_DATA = "schema/pre-data.sql";
    static final String POST_DATA = "schema/post-data.sql";
    /** Every large object with its contents, owner, privileges and comment ({@link LargeObjectScript}), if any. */
    static final String LARGE_OBJECTS = "data/large-objects.sql";
    /** The canonical schema description whose SHA-256 is the fingerprint's schema hash: it explains a mismatch. */
    static final String DESCRIPTION = "schema/description.txt";
    /**
     * Rows are text COPY lines under the dump session's settings; tables are summed SHA-256 of each line; the schema
     * hash covers the description of this lifeboat (v2: every kind of object pg_dump restores).
     */
    static final String FINGERPRINT_ALGORITHM = "postgresql-copy-text-v2";
    /** The same rows, with the description of lifeboat before v2, which this one no longer computes. */
    static final String FINGERPRINT_ALGORITHM_V1 = "postgresql-copy-text-v1";
    /**
     * The fingerprint attribute of the large objects, when there are any: their number, their bytes, and the sum of
     * each one's SHA-256 over its OID (4 bytes, big-endian) and contents, as tables' rows are summed. Owners and
     * privileges are left out, as they are for every object, so a --no-owner restore still matches.
     */
    static final String LARGE_OBJECTS_ATTRIBUTE = "large-objects";

    private ArchiveLayout() {
    }

    /** The fingerprint's schema hash: SHA-256 of the canonical schema description. */
    static String schemaHash(String description) {
        return Sha256.hex(description);
    }
}
