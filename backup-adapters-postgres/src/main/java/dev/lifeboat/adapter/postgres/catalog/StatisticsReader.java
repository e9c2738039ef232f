package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/** Extended statistics objects (CREATE STATISTICS), from pg_get_statisticsobjdef, in post-data. */
final class StatisticsReader {

    private StatisticsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        String target = context.catalog().atLeast(17) ? "COALESCE(s.stxstattarget, -1)" : "s.stxstattarget";
        for (Catalog.Row row : context.catalog().rows("SELECT s.oid, n.nspname, s.stxname, "
                + target + " AS target, pg_catalog.pg_get_userbyid(s.stxowner) AS owner, "
                + "pg_catalog.pg_get_statisticsobjdef(s.oid) AS definition "
                + "FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_statistic_ext", "s.oid")
                + " ORDER BY n.nspname, s.stxname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("stxname"));
            String label = "STATISTICS " + name;
            ObjectRef ref = new ObjectRef("pg_statistic_ext", row.number("oid"));
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, row.text("definition"));
            if (row.number("target") >= 0) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER STATISTICS " + name.quoted() + " SET STATISTICS " + row.number("target"));
            }
            post.addAll(context.comments().on(StatementPhase.POST_DATA, ref, "STATISTICS " + name.quoted(), label));
            post.addAll(Privileges.owner(context.options(), StatementPhase.POST_DATA, label,
                    "STATISTICS " + name.quoted(), row.text("owner")));
        }
    }
}
