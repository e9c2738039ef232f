package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import java.util.Optional;

/**
 * The one table whose rows an index build of an archive reads, read from its statement: {@code CREATE [UNIQUE] INDEX
 * name ON [ONLY] schema.table USING ...} as pg_get_indexdef writes it, or {@code ALTER TABLE ONLY "schema"."table" ADD
 * CONSTRAINT ...} as a backup writes a primary-key, unique or exclusion constraint. Any other statement, a constraint
 * on a partitioned table (written without ONLY: it builds on every partition) among them, has none, and a restore
 * runs it only once every table is loaded.
 */
final class IndexTarget {

    private IndexTarget() {
    }

    static Optional<QualifiedName> of(String sql) {
        SqlNameReader reader = new SqlNameReader(sql);
        if (reader.word("ALTER TABLE ONLY ")) {
            return followedBy(reader.qualifiedName(), reader, " ADD CONSTRAINT ");
        }
        if (reader.word("CREATE ") && (reader.word("UNIQUE INDEX ") || reader.word("INDEX "))
                && reader.identifier().isPresent() && reader.word(" ON ")) {
            reader.word("ONLY ");
            return followedBy(reader.qualifiedName(), reader, " USING ");
        }
        return Optional.empty();
    }

    private static Optional<QualifiedName> followedBy(Optional<QualifiedName> table, SqlNameReader reader,
                                                      String next) {
        return table.isPresent() && reader.word(next) ? table : Optional.empty();
    }
}
