package dev.lifeboat.adapter.postgres.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Large objects (pg_largeobject_metadata), kept as pg_dump keeps them: each with its OID (columns of type oid refer
 * to it), owner, privileges and comment. A database may hold millions of them, so they are not part of the schema
 * script, which is held whole: the engine streams the list this class queries and writes each object's contents and
 * statements into a part of their own.
 */
public final class LargeObjectsReader {

    /** Owner, privilege and comment statements of a large object go to the large objects' part, not to a phase. */
    private static final StatementPhase UNUSED_PHASE = StatementPhase.POST_DATA;

    private LargeObjectsReader() {
    }

    /**
     * Every large object in OID order: {@code oid}, {@code owner}, {@code acl_changed}, {@code grants},
     * {@code all_privileges}, {@code comment}, then {@code extraColumns}, which may use the alias {@code m} for
     * pg_largeobject_metadata.
     */
    public static String query(String extraColumns) {
        return "SELECT m.oid, " + ReadContext.ownerColumns("m.lomowner", "m.lomacl", 'L') + ", d.description AS comment"
                + extraColumns + " FROM pg_catalog.pg_largeobject_metadata m"
                + " LEFT JOIN pg_catalog.pg_description d"
                + " ON d.classoid = 'pg_catalog.pg_largeobject'::pg_catalog.regclass AND d.objoid = m.oid"
                + " AND d.objsubid = 0 ORDER BY m.oid";
    }

    /**
     * The owner, privilege and comment statements of the large object at a row of {@link #query}, as the options
     * want them: {@code ALTER LARGE OBJECT 16400 OWNER TO "r"}, GRANT/REVOKE ... ON LARGE OBJECT 16400, COMMENT ON
     * LARGE OBJECT 16400. Owner and privilege statements carry the roles they name.
     */
    public static List<SchemaStatement> statements(SchemaOptions options, ResultSet row) throws SQLException {
        String target = "LARGE OBJECT " + row.getLong("oid");
        String owner = row.getString("owner");
        List<SchemaStatement> statements = new ArrayList<>(Privileges.owner(options, UNUSED_PHASE, target, target,
                owner));
        if (options.privileges()) {
            statements.addAll(Privileges.statements(UNUSED_PHASE, target, target, owner, row.getBoolean("acl_changed"),
                    Catalog.arrayValues(row.getArray("grants")), Catalog.arrayValues(row.getArray("all_privileges"))));
        }
        String comment = row.getString("comment");
        if (comment != null) {
            statements.add(new SchemaStatement(UNUSED_PHASE, StatementKind.COMMENT, target,
                    "COMMENT ON " + target + " IS " + Identifiers.literal(comment)));
        }
        return statements;
    }

    /**
     * Description lines for the comments on large objects below the first normal OID, which the description's
     * query of all comments does not reach (a large object's OID can be chosen: {@code lo_create(42)}). The objects
     * themselves and their contents are in the fingerprint, not in the description, which is held whole.
     */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_largeobject' AS catalog, d.objoid AS oid,"
                + " pg_catalog.format('comment large object %s: %s', d.objoid, d.description) AS line"
                + " FROM pg_catalog.pg_description d"
                + " WHERE d.classoid = 'pg_catalog.pg_largeobject'::pg_catalog.regclass"
                + " AND d.objoid < " + Catalog.FIRST_NORMAL_OID);
    }
}
