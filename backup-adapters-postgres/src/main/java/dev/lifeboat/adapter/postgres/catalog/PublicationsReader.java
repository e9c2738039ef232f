package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Publications, after the data as pg_dump writes them: CREATE PUBLICATION with its options (FOR ALL TABLES, what it
 * publishes, through the partition root, generated columns), then one ALTER PUBLICATION ... ADD TABLE ONLY per table
 * (with its column list and row filter) and ADD TABLES IN SCHEMA per schema, each belonging to its table or schema as
 * well, so that one left out takes its membership with it. Then comment and owner.
 */
final class PublicationsReader {

    private PublicationsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        Catalog catalog = context.catalog();
        for (Catalog.Row row : catalog.rows("SELECT p.oid, p.pubname, p.puballtables, p.pubinsert, p.pubupdate, "
                + "p.pubdelete, p.pubtruncate, p.pubviaroot, " + (catalog.atLeast(18) ? "p.pubgencols::text" : "'n'")
                + " AS gencols, pg_catalog.pg_get_userbyid(p.pubowner) AS owner FROM pg_catalog.pg_publication p WHERE "
                + Catalog.notExtensionMember("pg_publication", "p.oid") + " ORDER BY p.pubname")) {
            String name = Identifiers.quote(row.text("pubname"));
            String label = "PUBLICATION " + row.text("pubname");
            ObjectRef ref = new ObjectRef("pg_publication", row.number("oid"));
            List<String> publish = new ArrayList<>();
            for (String action : List.of("insert", "update", "delete", "truncate")) {
                if (row.flag("pub" + action)) {
                    publish.add(action);
                }
            }
            context.script().post(ref)
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, "CREATE PUBLICATION " + name
                            + (row.flag("puballtables") ? " FOR ALL TABLES" : "")
                            + " WITH (publish = " + Identifiers.literal(String.join(", ", publish))
                            + (row.flag("pubviaroot") ? ", publish_via_partition_root = true" : "")
                            + (row.text("gencols").equals("s") ? ", publish_generated_columns = stored" : "") + ")")
                    .addAll(context.comments().on(StatementPhase.POST_DATA, ref, "PUBLICATION " + name, label))
                    .addAll(Privileges.owner(context.options(), StatementPhase.POST_DATA, label,
                            "PUBLICATION " + name, row.text("owner")));
        }
        tables(context);
        if (catalog.atLeast(15)) {
            schemas(context);
        }
    }

    private static void tables(ReadContext context) throws SQLException {
        boolean filters = context.catalog().atLeast(15);
        for (Catalog.Row row : context.catalog().rows("SELECT r.oid, p.pubname, n.nspname, c.relname, "
                + (filters ? "pg_catalog.pg_get_expr(r.prqual, r.prrelid)" : "NULL::text") + " AS filter, "
                + (filters ? "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.n)"
                        + " FROM pg_catalog.unnest(r.prattrs::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, n)"
                        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = r.prrelid AND a.attnum = k.attnum)"
                        : "NULL::text") + " AS columns "
                + "FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid "
                + "JOIN pg_catalog.pg_class c ON c.oid = r.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + Catalog.notExtensionMember("pg_publication", "p.oid")
                + " ORDER BY p.pubname, n.nspname, c.relname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            context.script().post(new ObjectRef("pg_publication_rel", row.number("oid")))
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION,
                            "PUBLICATION TABLE " + row.text("pubname") + " " + table,
                            "ALTER PUBLICATION " + Identifiers.quote(row.text("pubname")) + " ADD TABLE ONLY "
                                    + table.quoted()
                                    + (row.has("columns") ? " (" + row.text("columns") + ")" : "")
                                    + (row.has("filter") ? " WHERE (" + row.text("filter") + ")" : ""));
        }
    }

    private static void schemas(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT s.oid, p.pubname, n.nspname "
                + "FROM pg_catalog.pg_publication_namespace s JOIN pg_catalog.pg_publication p ON p.oid = s.pnpubid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = s.pnnspid WHERE "
                + Catalog.notExtensionMember("pg_publication", "p.oid") + " ORDER BY p.pubname, n.nspname")) {
            context.script().post(new ObjectRef("pg_publication_namespace", row.number("oid")))
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION,
                            "PUBLICATION SCHEMA " + row.text("pubname") + " " + row.text("nspname"),
                            "ALTER PUBLICATION " + Identifiers.quote(row.text("pubname")) + " ADD TABLES IN SCHEMA "
                                    + Identifiers.quote(row.text("nspname")));
        }
    }

    /** Description queries: each publication's options, tables (column list, row filter) and schemas. */
    static List<String> description(Catalog catalog) {
        List<String> queries = new ArrayList<>(List.of(
                "SELECT 'pg_publication' AS catalog, p.oid, pg_catalog.format('publication %s all tables %s insert %s"
                        + " update %s delete %s truncate %s via root %s generated %s', p.pubname, p.puballtables,"
                        + " p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot, "
                        + (catalog.atLeast(18) ? "p.pubgencols" : "'n'") + ") AS line"
                        + " FROM pg_catalog.pg_publication p WHERE "
                        + Catalog.notExtensionMember("pg_publication", "p.oid"),
                "SELECT 'pg_publication_rel' AS catalog, r.oid, pg_catalog.format('publication %s table %s.%s columns %s"
                        + " where %s', p.pubname, n.nspname, c.relname, "
                        + (catalog.atLeast(15) ? "(SELECT pg_catalog.string_agg(a.attname, ',' ORDER BY a.attnum)"
                        + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = r.prrelid"
                        + " AND a.attnum = ANY (r.prattrs::pg_catalog.int2[])), pg_catalog.pg_get_expr(r.prqual, r.prrelid)"
                        : "NULL::text, NULL::text") + ") AS line FROM pg_catalog.pg_publication_rel r"
                        + " JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid"
                        + " JOIN pg_catalog.pg_class c ON c.oid = r.prrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"));
        if (catalog.atLeast(15)) {
            queries.add("SELECT 'pg_publication_namespace' AS catalog, s.oid, pg_catalog.format('publication %s schema %s',"
                    + " p.pubname, n.nspname) AS line FROM pg_catalog.pg_publication_namespace s"
                    + " JOIN pg_catalog.pg_publication p ON p.oid = s.pnpubid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = s.pnnspid");
        }
        return queries;
    }
}
