package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/** Rewrite rules from pg_get_ruledef, except the _RETURN rules that make views (CREATE VIEW makes them). */
final class RulesReader {

    private RulesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT r.oid, r.rulename, r.ev_enabled::text AS enabled, "
                + "n.nspname, c.relname, pg_catalog.pg_get_ruledef(r.oid) AS definition "
                + "FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE r.rulename <> '_RETURN' AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname, r.rulename")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            String rule = Identifiers.quote(row.text("rulename"));
            String label = "RULE " + row.text("rulename") + " ON " + table;
            ObjectRef ref = new ObjectRef("pg_rewrite", row.number("oid"));
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                            ViewsReader.body(row.text("definition")));
            FiringState state = FiringState.of(row.text("enabled"));
            if (!state.isInitial()) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER TABLE " + table.quoted() + " " + state.words() + " RULE " + rule);
            }
            post.addAll(context.comments().on(StatementPhase.POST_DATA, ref, "RULE " + rule + " ON " + table.quoted(),
                    label));
        }
    }
}
