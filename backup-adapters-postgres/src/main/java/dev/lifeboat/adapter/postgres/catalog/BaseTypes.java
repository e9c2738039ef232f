package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base types (CREATE TYPE with input and output functions) and the cycle they make with their functions: the type
 * names its input, output, receive and send functions, and those take or return the type. As pg_dump does, the
 * cycle is broken with a shell type: {@code CREATE TYPE s.t}, then the functions, then the full definition, which
 * fills the shell in. A range type and its canonical function make the same cycle and are broken the same way.
 */
final class BaseTypes {

    /**
     * SQL condition on the alias {@code t}: the type's subscript handler is the one CREATE TYPE gives a fixed-length
     * type with a fixed-length ELEMENT by itself (PostgreSQL 14 and later), so it is not written, and a backup
     * restores on servers older than 14 too.
     */
    private static final String IMPLIED_SUBSCRIPT = "t.typelem <> 0 AND t.typlen > 0 AND NOT t.typbyval"
            + " AND (SELECT e.typlen FROM pg_catalog.pg_type e WHERE e.oid = t.typelem) > 0"
            + " AND t.typsubscript = 'pg_catalog.raw_array_subscript_handler'::pg_catalog.regproc";

    private BaseTypes() {
    }

    /** The attributes of every user base type, by type OID. */
    static Map<Long, Catalog.Row> read(Catalog catalog) throws SQLException {
        String subscript = catalog.atLeast(14) ? "CASE WHEN NOT (" + IMPLIED_SUBSCRIPT + ") THEN "
                + CatalogNames.regproc("t.typsubscript") + " END" : "NULL::text";
        Map<Long, Catalog.Row> types = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT t.oid, t.typinput::pg_catalog.regproc::text AS input, "
                + "t.typoutput::pg_catalog.regproc::text AS output, " + CatalogNames.regproc("t.typreceive") + " AS receive, "
                + CatalogNames.regproc("t.typsend") + " AS send, " + CatalogNames.regproc("t.typmodin") + " AS typmod_in, "
                + CatalogNames.regproc("t.typmodout") + " AS typmod_out, " + CatalogNames.regproc("t.typanalyze") + " AS analyze, "
                + subscript + " AS subscript, t.typlen, t.typbyval, t.typalign::text AS align, "
                + "t.typstorage::text AS storage, t.typcategory::text AS category, t.typispreferred, t.typdefault, "
                + "CASE WHEN t.typelem <> 0 THEN pg_catalog.format_type(t.typelem, NULL) END AS element, "
                + "t.typdelim::text AS delimiter, t.typcollation <> 0 AS collatable "
                + "FROM pg_catalog.pg_type t WHERE t.typtype = 'b' AND t.oid >= " + Catalog.FIRST_NORMAL_OID)) {
            types.put(row.number("oid"), row);
        }
        return types;
    }

    /** CREATE TYPE with every attribute that differs from what CREATE TYPE would choose on its own. */
    static String definition(QualifiedName name, Catalog.Row type) {
        List<String> options = new ArrayList<>();
        options.add("INPUT = " + type.text("input"));
        options.add("OUTPUT = " + type.text("output"));
        option(options, "RECEIVE", type.text("receive"));
        option(options, "SEND", type.text("send"));
        option(options, "TYPMOD_IN", type.text("typmod_in"));
        option(options, "TYPMOD_OUT", type.text("typmod_out"));
        option(options, "ANALYZE", type.text("analyze"));
        option(options, "SUBSCRIPT", type.text("subscript"));
        long length = type.number("typlen");
        options.add("INTERNALLENGTH = " + (length == -1 ? "VARIABLE" : Long.toString(length)));
        if (type.flag("typbyval")) {
            options.add("PASSEDBYVALUE");
        }
        options.add("ALIGNMENT = " + switch (type.text("align")) {
            case "c" -> "char";
            case "s" -> "int2";
            case "i" -> "int4";
            default -> "double";
        });
        options.add("STORAGE = " + switch (type.text("storage")) {
            case "p" -> "plain";
            case "e" -> "external";
            case "m" -> "main";
            default -> "extended";
        });
        if (!type.text("category").equals("U")) {
            options.add("CATEGORY = " + Identifiers.literal(type.text("category")));
        }
        if (type.flag("typispreferred")) {
            options.add("PREFERRED = true");
        }
        if (type.has("typdefault")) {
            options.add("DEFAULT = " + Identifiers.literal(type.text("typdefault")));
        }
        option(options, "ELEMENT", type.text("element"));
        if (!type.text("delimiter").equals(",")) {
            options.add("DELIMITER = " + Identifiers.literal(type.text("delimiter")));
        }
        if (type.flag("collatable")) {
            options.add("COLLATABLE = true");
        }
        return "CREATE TYPE " + name.quoted() + " (" + String.join(", ", options) + ")";
    }

    /**
     * Breaks each cycle of a type and the functions it names that take or return it: the type's object starts with
     * its shell, then takes in those functions' statements (definition, comment, owner, privileges), then defines
     * the type. Dependencies on the functions count as dependencies on the type. Runs once types and functions are
     * read.
     */
    static void breakCycles(ReadContext context) throws SQLException {
        Map<ObjectRef, PreDataObject> objects = context.script().objects();
        Map<ObjectRef, List<ObjectRef>> cycles = new LinkedHashMap<>();
        for (Catalog.Row row : context.catalog().rows("SELECT DISTINCT d.refobjid AS type, d.objid AS function, "
                + "p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments "
                + "FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_proc p ON p.oid = d.objid "
                + "WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass "
                + "AND d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.deptype = 'n' "
                + "AND d.objid >= " + Catalog.FIRST_NORMAL_OID + " AND d.refobjid >= " + Catalog.FIRST_NORMAL_OID
                + " AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend b "
                + "WHERE b.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND b.objid = d.refobjid "
                + "AND b.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND b.refobjid = d.objid) "
                + "ORDER BY d.refobjid, p.proname, arguments")) {
            ObjectRef type = ObjectRef.type(row.number("type"));
            ObjectRef function = ObjectRef.function(row.number("function"));
            if (objects.containsKey(type) && objects.containsKey(function)) {
                cycles.computeIfAbsent(type, t -> new ArrayList<>()).add(function);
            }
        }
        cycles.forEach((typeRef, functions) -> {
            PreDataObject type = objects.get(typeRef);
            List<SchemaStatement> before = new ArrayList<>();
            before.add(new SchemaStatement(StatementPhase.PRE_DATA, StatementKind.DEFINITION,
                    "TYPE " + type.name() + " (shell)", "CREATE TYPE " + type.name().quoted()));
            for (ObjectRef function : functions) {
                before.addAll(objects.remove(function).statements());
                context.script().alias(function, typeRef);
            }
            type.statements().addAll(0, before);
        });
    }

    /**
     * Description lines: every attribute of each base type, and each range's canonical function. The subscript
     * handler CREATE TYPE chooses by itself is left out, so that a type describes the same on every server version.
     */
    static List<String> description(Catalog catalog) {
        String subscript = catalog.atLeast(14)
                ? "CASE WHEN t.typsubscript <> 0 AND NOT (" + IMPLIED_SUBSCRIPT + ") THEN ' subscript '"
                + " || t.typsubscript::pg_catalog.regproc::text END"
                : "NULL::text";
        String user = Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_type", "t.oid");
        return List.of(
                "SELECT 'pg_type' AS catalog, t.oid, pg_catalog.format('base type %s.%s input %s output %s receive %s"
                        + " send %s typmod %s %s analyze %s length %s byval %s align %s storage %s category %s"
                        + " preferred %s default %s element %s delimiter %s collatable %s%s', n.nspname, t.typname,"
                        + " t.typinput::pg_catalog.regproc, t.typoutput::pg_catalog.regproc,"
                        + " t.typreceive::pg_catalog.regproc, t.typsend::pg_catalog.regproc,"
                        + " t.typmodin::pg_catalog.regproc, t.typmodout::pg_catalog.regproc,"
                        + " t.typanalyze::pg_catalog.regproc, t.typlen, t.typbyval, t.typalign, t.typstorage,"
                        + " t.typcategory, t.typispreferred, pg_catalog.quote_literal(t.typdefault),"
                        + " pg_catalog.format_type(t.typelem, NULL), t.typdelim, t.typcollation <> 0, " + subscript
                        + ") AS line FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE t.typtype = 'b' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type a"
                        + " WHERE a.typarray = t.oid) AND " + user,
                "SELECT 'pg_type' AS catalog, t.oid, pg_catalog.format('range %s.%s canonical %s', n.nspname,"
                        + " t.typname, r.rngcanonical::pg_catalog.regproc) AS line FROM pg_catalog.pg_range r"
                        + " JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE r.rngcanonical <> 0 AND " + user);
    }

    private static void option(List<String> options, String option, String value) {
        if (value != null) {
            options.add(option + " = " + value);
        }
    }
}
