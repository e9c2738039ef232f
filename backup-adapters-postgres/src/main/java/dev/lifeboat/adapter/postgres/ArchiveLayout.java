package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.fingerprint.Sha256;

/**
 * The parts of a PostgreSQL archive (docs/archive-format.md): {@code schema/pre-data.sql}, one
 * {@code data/<schema>.<table>.copy} per table, {@code data.psql} naming which part fills which table, and
 * {@code schema/post-data.sql}; and how its fingerprint is computed.
 */
final class ArchiveLayout {

    static final String PRE_DATA = "schema/pre-data.sql";
    static final String POST_DATA = "schema/post-data.sql";
    /** Rows are text COPY lines under the dump session's settings; tables are summed SHA-256 of each line. */
    static final String FINGERPRINT_ALGORITHM = "postgresql-copy-text-v1";

    private ArchiveLayout() {
    }

    /** The fingerprint's schema hash: SHA-256 of the canonical schema description. */
    static String schemaHash(String description) {
        return Sha256.hex(description);
    }
}
