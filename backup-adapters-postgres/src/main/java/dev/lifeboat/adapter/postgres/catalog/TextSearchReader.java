package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text search parsers and templates (built from functions; they have no owner), dictionaries (a template and its
 * options) and configurations (a parser, then one ADD MAPPING per token type, naming its dictionaries in the order
 * they are consulted). Functions, templates, dictionaries and parsers are referenced by name: pg_depend orders them.
 */
final class TextSearchReader {

    private TextSearchReader() {
    }

    static void read(ReadContext context) throws SQLException {
        parsers(context);
        templates(context);
        dictionaries(context);
        configurations(context);
    }

    private static void parsers(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT p.oid, n.nspname, p.prsname, "
                + CatalogNames.regproc("p.prsstart") + " AS start, " + CatalogNames.regproc("p.prstoken") + " AS token, "
                + CatalogNames.regproc("p.prsend") + " AS finish, " + CatalogNames.regproc("p.prsheadline") + " AS headline, "
                + CatalogNames.regproc("p.prslextype") + " AS lextypes"
                + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_ts_parser", "p.oid")
                + " ORDER BY n.nspname, p.prsname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("prsname"));
            StringBuilder sql = new StringBuilder("CREATE TEXT SEARCH PARSER ").append(name.quoted())
                    .append(" (START = ").append(row.text("start"))
                    .append(", GETTOKEN = ").append(row.text("token"))
                    .append(", END = ").append(row.text("finish"))
                    .append(", LEXTYPES = ").append(row.text("lextypes"));
            if (row.has("headline")) {
                sql.append(", HEADLINE = ").append(row.text("headline"));
            }
            add(context, new ObjectRef("pg_ts_parser", row.number("oid")), ObjectRank.TEXT_SEARCH_PARSER,
                    "TEXT SEARCH PARSER", name, List.of(sql.append(')').toString()), null);
        }
    }

    private static void templates(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT t.oid, n.nspname, t.tmplname, "
                + CatalogNames.regproc("t.tmplinit") + " AS init, " + CatalogNames.regproc("t.tmpllexize") + " AS lexize"
                + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_ts_template", "t.oid")
                + " ORDER BY n.nspname, t.tmplname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("tmplname"));
            String sql = "CREATE TEXT SEARCH TEMPLATE " + name.quoted() + " ("
                    + (row.has("init") ? "INIT = " + row.text("init") + ", " : "")
                    + "LEXIZE = " + row.text("lexize") + ")";
            add(context, new ObjectRef("pg_ts_template", row.number("oid")), ObjectRank.TEXT_SEARCH_TEMPLATE,
                    "TEXT SEARCH TEMPLATE", name, List.of(sql), null);
        }
    }

    private static void dictionaries(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT d.oid, n.nspname, d.dictname, "
                + CatalogNames.qualified("tn", "t.tmplname") + " AS template, d.dictinitoption, "
                + "pg_catalog.pg_get_userbyid(d.dictowner) AS owner"
                + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                + " JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate"
                + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_ts_dict", "d.oid")
                + " ORDER BY n.nspname, d.dictname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("dictname"));
            // dictinitoption is the server's own rendering of the options: quoted names = quoted literals
            String options = row.has("dictinitoption") && !row.text("dictinitoption").isBlank()
                    ? ", " + row.text("dictinitoption") : "";
            add(context, new ObjectRef("pg_ts_dict", row.number("oid")), ObjectRank.TEXT_SEARCH_DICTIONARY,
                    "TEXT SEARCH DICTIONARY", name, List.of("CREATE TEXT SEARCH DICTIONARY " + name.quoted()
                            + " (TEMPLATE = " + row.text("template") + options + ")"), row);
        }
    }

    private static void configurations(ReadContext context) throws SQLException {
        Map<Long, Map<String, List<String>>> mappings = mappings(context.catalog());
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.cfgname, "
                + CatalogNames.qualified("pn", "p.prsname") + " AS parser, "
                + "pg_catalog.pg_get_userbyid(c.cfgowner) AS owner"
                + " FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                + " JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser"
                + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_ts_config", "c.oid")
                + " ORDER BY n.nspname, c.cfgname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("cfgname"));
            ObjectRef ref = new ObjectRef("pg_ts_config", row.number("oid"));
            List<String> sql = new ArrayList<>();
            sql.add("CREATE TEXT SEARCH CONFIGURATION " + name.quoted() + " (PARSER = " + row.text("parser") + ")");
            mappings.getOrDefault(ref.oid(), Map.of()).forEach((token, dictionaries) -> {
                if (token == null) {
                    context.script().unsupported(ref, "text search configuration " + name
                            + " (a mapping for a token type its parser does not list)");
                } else {
                    sql.add("ALTER TEXT SEARCH CONFIGURATION " + name.quoted() + " ADD MAPPING FOR "
                            + Identifiers.quote(token) + " WITH " + String.join(", ", dictionaries));
                }
            });
            add(context, ref, ObjectRank.TEXT_SEARCH_CONFIGURATION, "TEXT SEARCH CONFIGURATION", name, sql, row);
        }
    }

    /**
     * Each configuration's mappings: token type (by the name its parser gives it) to dictionaries, both in order.
     * A token type the parser no longer lists has a {@code null} name.
     */
    private static Map<Long, Map<String, List<String>>> mappings(Catalog catalog) throws SQLException {
        Map<Long, Map<String, List<String>>> mappings = new LinkedHashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT m.mapcfg, "
                + "(SELECT t.alias FROM pg_catalog.ts_token_type(c.cfgparser) t WHERE t.tokid = m.maptokentype)"
                + " AS token, " + CatalogNames.qualified("dn", "d.dictname") + " AS dictionary"
                + " FROM pg_catalog.pg_ts_config_map m JOIN pg_catalog.pg_ts_config c ON c.oid = m.mapcfg"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                + " JOIN pg_catalog.pg_ts_dict d ON d.oid = m.mapdict"
                + " JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_ts_config", "c.oid")
                + " ORDER BY m.mapcfg, m.maptokentype, m.mapseqno")) {
            mappings.computeIfAbsent(row.number("mapcfg"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.text("token"), k -> new ArrayList<>()).add(row.text("dictionary"));
        }
        return mappings;
    }

    /**
     * The object's definition statements, then its comment, then its owner when {@code owned} holds one (parsers and
     * templates have none).
     */
    private static void add(ReadContext context, ObjectRef ref, ObjectRank rank, String keyword, QualifiedName name,
                            List<String> definition, Catalog.Row owned) {
        String label = keyword + " " + name;
        String target = keyword + " " + name.quoted();
        PreDataObject object = context.script().object(ref, rank, name, "");
        definition.forEach(sql -> object.add(StatementKind.DEFINITION, label, sql));
        object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label));
        if (owned != null) {
            object.addAll(Privileges.owner(context.options(), StatementPhase.PRE_DATA, label, target,
                    owned.text("owner")));
        }
    }

    /** Description lines of every text search object, mappings in order. */
    static List<String> description(Catalog catalog) {
        String user = " WHERE " + Catalog.USER_SCHEMA + " AND ";
        return List.of(
                "SELECT 'pg_ts_parser' AS catalog, p.oid, pg_catalog.format('text search parser %s.%s start %s token %s"
                        + " end %s headline %s lextypes %s', n.nspname, p.prsname, p.prsstart::pg_catalog.regproc,"
                        + " p.prstoken::pg_catalog.regproc, p.prsend::pg_catalog.regproc,"
                        + " p.prsheadline::pg_catalog.regproc, p.prslextype::pg_catalog.regproc) AS line"
                        + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                        + user + Catalog.notExtensionMember("pg_ts_parser", "p.oid"),
                "SELECT 'pg_ts_template' AS catalog, t.oid, pg_catalog.format('text search template %s.%s init %s"
                        + " lexize %s', n.nspname, t.tmplname, t.tmplinit::pg_catalog.regproc,"
                        + " t.tmpllexize::pg_catalog.regproc) AS line FROM pg_catalog.pg_ts_template t"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                        + user + Catalog.notExtensionMember("pg_ts_template", "t.oid"),
                "SELECT 'pg_ts_dict' AS catalog, d.oid, pg_catalog.format('text search dictionary %s.%s template"
                        + " %s.%s options %s', n.nspname, d.dictname, tn.nspname, t.tmplname, d.dictinitoption) AS line"
                        + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                        + " JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate"
                        + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace"
                        + user + Catalog.notExtensionMember("pg_ts_dict", "d.oid"),
                "SELECT 'pg_ts_config' AS catalog, c.oid, pg_catalog.format('text search configuration %s.%s parser"
                        + " %s.%s', n.nspname, c.cfgname, pn.nspname, p.prsname) AS line"
                        + " FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                        + " JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser"
                        + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace"
                        + user + Catalog.notExtensionMember("pg_ts_config", "c.oid"),
                "SELECT 'pg_ts_config' AS catalog, c.oid, pg_catalog.format('text search mapping %s.%s token %s #%s"
                        + " dictionary %s.%s', n.nspname, c.cfgname, (SELECT t.alias FROM"
                        + " pg_catalog.ts_token_type(c.cfgparser) t WHERE t.tokid = m.maptokentype), m.mapseqno,"
                        + " dn.nspname, d.dictname) AS line FROM pg_catalog.pg_ts_config_map m"
                        + " JOIN pg_catalog.pg_ts_config c ON c.oid = m.mapcfg"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                        + " JOIN pg_catalog.pg_ts_dict d ON d.oid = m.mapdict"
                        + " JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace"
                        + user + Catalog.notExtensionMember("pg_ts_config", "c.oid"));
    }
}
