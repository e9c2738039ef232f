package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequences with all their options, OWNED BY (after every pre-data object, since the owning table's default usually
 * calls the sequence) and their current value (setval after the data). Identity sequences are created by their
 * table's column definition; their options are handed to the tables.
 */
final class SequencesReader {

    /** An identity column's sequence: its name and the options that recreate it. */
    record IdentitySequence(QualifiedName name, String options) {
    }

    private SequencesReader() {
    }

    /** Reads every sequence; returns identity sequences by {@code table oid + ":" + attnum}. */
    static Map<String, IdentitySequence> read(ReadContext context) throws SQLException {
        Map<String, IdentitySequence> identities = new HashMap<>();
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.relname, "
                + "c.relpersistence::text AS persistence, pg_catalog.format_type(s.seqtypid, NULL) AS type, "
                + "s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle, "
                + "d.deptype::text AS deptype, d.refobjid AS owner_table, d.refobjsubid AS owner_column, "
                + "tn.nspname AS owner_schema, t.relname AS owner_name, a.attname AS owner_attname, "
                + ReadContext.ownerColumns("c.relowner", "c.relacl", 's')
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid "
                + "LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
                + "AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
                + "AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') "
                + "LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid "
                + "LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace "
                + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                + "WHERE c.relkind = 'S' AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            ObjectRef ref = ObjectRef.relation(row.number("oid"));
            String label = "SEQUENCE " + name;
            String options = "START WITH " + row.number("seqstart") + " INCREMENT BY " + row.number("seqincrement")
                    + " MINVALUE " + row.number("seqmin") + " MAXVALUE " + row.number("seqmax")
                    + " CACHE " + row.number("seqcache") + (row.flag("seqcycle") ? " CYCLE" : " NO CYCLE");
            boolean identity = "i".equals(row.text("deptype"));
            String target = "SEQUENCE " + name.quoted();
            StatementPhase phase = identity ? StatementPhase.POST_DATA : StatementPhase.PRE_DATA;
            List<SchemaStatement> extras = new ArrayList<>(
                    context.comments().on(phase, ref, target, label));
            extras.addAll(context.ownerAndPrivileges(phase, label, target, target, row));
            if (identity) {
                identities.put(row.number("owner_table") + ":" + row.number("owner_column"),
                        new IdentitySequence(name, "SEQUENCE NAME " + name.quoted() + " " + options));
                context.script().alias(ref, ObjectRef.relation(row.number("owner_table")));
                // the table creates the sequence with its own owner; only comments and ACLs remain to restore
                extras.removeIf(statement -> statement.kind() == StatementKind.OWNER);
                context.script().post(ref).addAll(extras);
            } else {
                String unlogged = "u".equals(row.text("persistence")) ? "UNLOGGED " : "";
                context.script().object(ref, ObjectRank.SEQUENCE, name, "")
                        .add(StatementKind.DEFINITION, label, "CREATE " + unlogged + "SEQUENCE " + name.quoted()
                                + " AS " + row.text("type") + " " + options)
                        .addAll(extras);
                if (row.has("owner_name")) {
                    QualifiedName table = new QualifiedName(row.text("owner_schema"), row.text("owner_name"));
                    context.script().afterPreData(ref, new SchemaStatement(StatementPhase.PRE_DATA,
                            StatementKind.DEFINITION, label, "ALTER SEQUENCE " + name.quoted() + " OWNED BY "
                            + table.quoted() + "." + Identifiers.quote(row.text("owner_attname"))));
                }
            }
            value(context, ref, name, label);
        }
        return identities;
    }

    /** The statement that gives a sequence its current value back, after the data. */
    static void value(ReadContext context, ObjectRef ref, QualifiedName name, String label)
            throws SQLException {
        Catalog.Row value = context.catalog().rows("SELECT last_value, is_called FROM " + name.quoted()).get(0);
        context.script().post(ref).add(StatementPhase.SEQUENCE_VALUES, StatementKind.DEFINITION, label,
                "SELECT pg_catalog.setval(" + Identifiers.literal(name.quoted()) + ", " + value.number("last_value")
                        + ", " + value.flag("is_called") + ")");
    }
}
