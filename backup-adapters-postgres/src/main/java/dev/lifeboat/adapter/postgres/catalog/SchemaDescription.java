package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The canonical text of a schema: one line per fact, sorted. Every query gives the object a line is about, so that a
 * backup's description leaves out what the backup leaves out. It names objects by schema and name (never OIDs) and
 * leaves out owners, privileges, view bodies (deparsed differently by each server version) and sequence values, so a
 * database and its restore describe equal across server majors, and differ when anything a user would notice does.
 */
final class SchemaDescription {

    private static final String USER_CLASS = Catalog.USER_SCHEMA + " AND "
            + Catalog.notExtensionMember("pg_class", "c.oid");

    private SchemaDescription() {
    }

    /**
     * The description of every object but those {@code leftOut} says a backup leaves out.
     *
     * @param leftOut whether the object a line describes is left out
     */
    static String of(Catalog catalog, Predicate<ObjectRef> leftOut) throws SQLException {
        List<String> lines = new ArrayList<>();
        List<String> queries = new ArrayList<>(queries(catalog));
        queries.addAll(DatabaseStateReader.description());
        queries.addAll(BaseTypes.description(catalog));
        queries.addAll(LanguagesReader.description(catalog));
        queries.addAll(TransformsReader.description(catalog));
        queries.addAll(TextSearchReader.description(catalog));
        queries.addAll(AccessMethodsReader.description(catalog));
        queries.addAll(CollationsReader.description(catalog));
        queries.addAll(OperatorsReader.description(catalog));
        queries.addAll(OperatorFamiliesReader.description(catalog));
        queries.addAll(OperatorClassesReader.description(catalog));
        queries.addAll(CastsReader.description(catalog));
        queries.addAll(ConversionsReader.description(catalog));
        queries.addAll(LargeObjectsReader.description(catalog));
        queries.addAll(ForeignDataWrappersReader.description(catalog));
        queries.addAll(UserMappingsReader.description(catalog));
        queries.addAll(ForeignTablesReader.description(catalog));
        queries.addAll(NotNullConstraint.description(catalog));
        queries.addAll(EventTriggersReader.description(catalog));
        queries.addAll(PublicationsReader.description(catalog));
        queries.addAll(SubscriptionsReader.description(catalog));
        queries.addAll(TriggersReader.description());
        for (String query : queries) {
            for (Catalog.Row row : catalog.rows(query)) {
                if (!leftOut.test(new ObjectRef(row.text("catalog"), row.number("oid")))) {
                    lines.add(row.text("line"));
                }
            }
        }
        lines.sort(null);
        return String.join("\n", lines) + "\n";
    }

    /** Queries giving {@code catalog} and {@code oid} of an object and a {@code line} describing it. */
    private static List<String> queries(Catalog catalog) {
        String statistics = catalog.atLeast(17) ? "COALESCE(a.attstattarget, -1)" : "a.attstattarget";
        String sqlBody = catalog.atLeast(14) ? "p.prosqlbody IS NOT NULL" : "false";
        return List.of(
                "SELECT 'pg_namespace' AS catalog, n.oid, pg_catalog.format('schema %s', n.nspname) AS line FROM pg_catalog.pg_namespace n WHERE "
                        + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_namespace", "n.oid"),
                "SELECT 'pg_extension' AS catalog, e.oid, pg_catalog.format('extension %s schema %s', e.extname, n.nspname)"
                        + " AS line FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n"
                        + " ON n.oid = e.extnamespace",
                // types: enum labels in order, domains, ranges, other kinds by kind
                "SELECT 'pg_type' AS catalog, t.oid, pg_catalog.format('type %s.%s kind %s%s%s%s', n.nspname, t.typname, t.typtype,"
                        + " (SELECT ' labels ' || pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), ','"
                        + " ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid),"
                        + " CASE WHEN t.typtype = 'd' THEN pg_catalog.format(' base %s collation %s default %s notnull %s',"
                        + " pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typcollation::pg_catalog.regcollation,"
                        + " COALESCE(pg_catalog.pg_get_expr(t.typdefaultbin, 0), t.typdefault), t.typnotnull) END,"
                        + " (SELECT pg_catalog.format(' subtype %s collation %s opclass %s diff %s',"
                        + " pg_catalog.format_type(r.rngsubtype, NULL), r.rngcollation::pg_catalog.regcollation,"
                        + " (SELECT o.opcname FROM pg_catalog.pg_opclass o WHERE o.oid = r.rngsubopc),"
                        + " r.rngsubdiff::pg_catalog.regproc) FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid))"
                        + " AS line FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_type", "t.oid")
                        + " AND t.typtype <> 'm'"
                        + " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type a WHERE a.typarray = t.oid)",
                "SELECT 'pg_constraint' AS catalog, k.oid, pg_catalog.format('domain constraint %s.%s %s %s', n.nspname, t.typname, k.conname,"
                        + " pg_catalog.pg_get_constraintdef(k.oid)) AS line FROM pg_catalog.pg_constraint k"
                        + " JOIN pg_catalog.pg_type t ON t.oid = k.contypid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE k.contype = 'c' AND "
                        + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_type", "t.oid"),
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('sequence %s.%s as %s start %s increment %s min %s max %s cache %s cycle %s"
                        + " persistence %s owned %s', n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL),"
                        + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, c.relpersistence,"
                        + " (SELECT pg_catalog.format('%s.%s.%s %s', tn.nspname, t.relname, a.attname, d.deptype)"
                        + " FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
                        + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
                        + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid"
                        + " AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1)) AS line"
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid WHERE c.relkind = 'S' AND " + USER_CLASS,
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('relation %s.%s kind %s persistence %s options %s partition key %s"
                        + " bound %s of %s rls %s force %s replica identity %s inherits %s',"
                        + " n.nspname, c.relname, c.relkind, c.relpersistence, c.reloptions,"
                        + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,"
                        + " pg_catalog.pg_get_expr(c.relpartbound, c.oid),"
                        + " CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END,"
                        // an index as replica identity is a fact of the index (which a backup may leave out)
                        + " c.relrowsecurity, c.relforcerowsecurity,"
                        + " CASE c.relreplident WHEN 'i' THEN 'd' ELSE c.relreplident::text END,"
                        + " (SELECT pg_catalog.string_agg(pg_catalog.format('%s.%s', pn.nspname, p.relname), ','"
                        + " ORDER BY i.inhseqno) FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p"
                        + " ON p.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
                        + " WHERE i.inhrelid = c.oid)) AS line"
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND " + USER_CLASS,
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('column %s.%s #%s %s %s notnull %s default %s identity %s generated %s"
                        + " collation %s storage %s statistics %s options %s local %s inherited %s%s', n.nspname, c.relname,"
                        + " pg_catalog.row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,"
                        + " pg_catalog.format_type(a.atttypid, a.atttypmod),"
                        + " a.attnotnull AND c.relkind IN ('r', 'p'), pg_catalog.pg_get_expr(d.adbin, d.adrelid),"
                        + " a.attidentity, a.attgenerated, CASE WHEN a.attcollation <> t.typcollation"
                        + " THEN a.attcollation::pg_catalog.regcollation END,"
                        + " a.attstorage = t.typstorage, " + statistics + ","
                        + " (SELECT pg_catalog.string_agg(o, ',' ORDER BY o) FROM pg_catalog.unnest(a.attoptions) o),"
                        + " a.attislocal, a.attinhcount, "
                        + (catalog.atLeast(14) ? "CASE WHEN a.attcompression <> '' THEN ' compression ' || a.attcompression::text END"
                        : "NULL::text") + ") AS line"
                        + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped"
                        + " AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND " + USER_CLASS,
                // a foreign key to a partitioned table has a clone per partition on the same table, which each
                // server version names its own way: such a clone is named by its parent
                "SELECT 'pg_constraint' AS catalog, k.oid, pg_catalog.format('constraint %s.%s %s %s%s', n.nspname,"
                        + " c.relname, CASE WHEN pk.conrelid = k.conrelid THEN 'clone of ' || (WITH RECURSIVE up AS"
                        + " (SELECT pk.oid, pk.conname, pk.conparentid, pk.conrelid UNION ALL SELECT p.oid, p.conname,"
                        + " p.conparentid, p.conrelid FROM pg_catalog.pg_constraint p JOIN up ON p.oid = up.conparentid"
                        + " WHERE p.conrelid = k.conrelid) SELECT up.conname FROM up WHERE up.conparentid = 0"
                        + " OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint q WHERE q.oid = up.conparentid"
                        + " AND q.conrelid = k.conrelid))"
                        + " ELSE k.conname END, pg_catalog.pg_get_constraintdef(k.oid),"
                        + " CASE WHEN k.contype = 'c' THEN pg_catalog.format(' local %s inherited %s', k.conislocal,"
                        + " k.coninhcount) END) AS line"
                        + " FROM pg_catalog.pg_constraint k"
                        + " JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_catalog.pg_constraint pk ON pk.oid = k.conparentid"
                        + " WHERE k.contype IN ('c', 'p', 'u', 'x', 'f') AND " + USER_CLASS,
                "SELECT 'pg_class' AS catalog, ic.oid, pg_catalog.format('index %s.%s %s clustered %s statistics %s%s', n.nspname,"
                        + " ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indisclustered,"
                        + " (SELECT pg_catalog.string_agg(a.attnum || '=' || a.attstattarget, ',' ORDER BY a.attnum)"
                        + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = ic.oid AND a.attstattarget >= 0),"
                        + " CASE WHEN i.indisreplident THEN ' replica identity' END) AS line"
                        + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                        + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace"
                        + " WHERE i.indisvalid AND c.relkind IN ('r', 'p', 'm') AND " + USER_CLASS,
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('materialized view %s.%s populated %s', n.nspname, c.relname,"
                        + " c.relispopulated) AS line FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND "
                        + USER_CLASS,
                "SELECT 'pg_proc' AS catalog, p.oid, pg_catalog.format('routine %s.%s(%s) kind %s returns %s language %s body %s volatile %s"
                        + " strict %s secdef %s leakproof %s parallel %s cost %s rows %s config %s', n.nspname,"
                        +  " p.proname, pg_catalog.regexp_replace(pg_catalog.pg_get_function_identity_arguments(p.oid),"
                        + " '(^|, )IN ', '\\1', 'g'), p.prokind,"
                        + " pg_catalog.pg_get_function_result(p.oid), l.lanname,"
                        + " CASE WHEN " + sqlBody + " THEN 'sql-standard' ELSE pg_catalog.md5(p.prosrc) END,"
                        + " p.provolatile, p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel, p.procost,"
                        + " p.prorows, p.proconfig) AS line FROM pg_catalog.pg_proc p"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                        + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE " + Catalog.USER_SCHEMA
                        + " AND " + Catalog.notExtensionMember("pg_proc", "p.oid")
                        + " AND " + Catalog.notInternal("pg_proc", "p.oid"),
                "SELECT 'pg_trigger' AS catalog, g.oid, pg_catalog.format('trigger %s.%s %s enabled %s %s', n.nspname, c.relname, g.tgname,"
                        + " g.tgenabled, pg_catalog.pg_get_triggerdef(g.oid)) AS line FROM pg_catalog.pg_trigger g"
                        + " JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND " + USER_CLASS,
                // a rule's body is deparsed differently by each server version: its event and kind only
                "SELECT 'pg_rewrite' AS catalog, r.oid, pg_catalog.format('rule %s.%s %s event %s instead %s enabled %s', n.nspname, c.relname,"
                        + " r.rulename, r.ev_type, r.is_instead, r.ev_enabled) AS line FROM pg_catalog.pg_rewrite r"
                        + " JOIN pg_catalog.pg_class c ON c.oid = r.ev_class"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE r.rulename <> '_RETURN' AND " + USER_CLASS,
                "SELECT 'pg_policy' AS catalog, p.oid, pg_catalog.format('policy %s.%s %s cmd %s permissive %s roles %s using %s check %s',"
                        + " n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive,"
                        + " (SELECT pg_catalog.string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(r)"
                        + " END, ',' ORDER BY 1) FROM pg_catalog.unnest(p.polroles) AS r),"
                        + " pg_catalog.pg_get_expr(p.polqual, p.polrelid),"
                        + " pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)) AS line"
                        + " FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_CLASS,
                "SELECT 'pg_statistic_ext' AS catalog, s.oid, pg_catalog.format('statistics %s.%s %s', n.nspname, s.stxname,"
                        + " pg_catalog.pg_get_statisticsobjdef(s.oid)) AS line FROM pg_catalog.pg_statistic_ext s"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace WHERE " + Catalog.USER_SCHEMA,
                "SELECT d.classoid::pg_catalog.regclass::text AS catalog, d.objoid AS oid,"
                        + " pg_catalog.format('comment %s %s: %s', o.type, o.identity, d.description) AS line"
                        + " FROM pg_catalog.pg_description d,"
                        + " LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
                        + " WHERE (d.objoid >= " + Catalog.FIRST_NORMAL_OID
                        + " OR (d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass"
                        + " AND d.objoid = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public')))"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = d.classoid"
                        + " AND x.objid = d.objoid AND x.deptype = 'e')"
                        // identified differently by each server version: see TransformsReader
                        + " AND d.classoid <> 'pg_catalog.pg_transform'::pg_catalog.regclass");
    }
}
