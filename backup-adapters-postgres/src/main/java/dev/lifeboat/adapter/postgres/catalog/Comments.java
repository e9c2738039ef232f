package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comments (pg_description) on user objects, turned into COMMENT ON statements. */
final class Comments {

    private record Key(ObjectRef ref, long subId) {
    }

    private final Map<Key, String> texts = new HashMap<>();

    Comments(Catalog catalog) throws SQLException {
        for (Catalog.Row row : catalog.rows("SELECT d.classoid::pg_catalog.regclass::text AS catalog, d.objoid, "
                + "d.objsubid, d.description FROM pg_catalog.pg_description d "
                + "WHERE d.objoid >= " + Catalog.FIRST_NORMAL_OID
                + " OR d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass")) {
            texts.put(new Key(new ObjectRef(row.text("catalog"), row.number("objoid")), row.number("objsubid")),
                    row.text("description"));
        }
    }

    Optional<String> text(ObjectRef ref, long subId) {
        return Optional.ofNullable(texts.get(new Key(ref, subId)));
    }

    /** {@code COMMENT ON target IS '...'} when the object has a comment. */
    List<SchemaStatement> on(StatementPhase phase, ObjectRef ref, long subId, String target, String label) {
        return text(ref, subId)
                .map(text -> List.of(new SchemaStatement(phase, StatementKind.COMMENT, label,
                        "COMMENT ON " + target + " IS " + Identifiers.literal(text))))
                .orElse(List.of());
    }

    List<SchemaStatement> on(StatementPhase phase, ObjectRef ref, String target, String label) {
        return on(phase, ref, 0, target, label);
    }
}
