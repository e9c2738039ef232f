package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a database holds, read from the PostgreSQL catalogues as sorted lines of text, so that a database and
 * its faithful copy compare equal and any difference in schema, privileges, settings or data shows as a line of one
 * that is not in the other: an oracle for restores that needs no pg_dump, and that knows nothing of lifeboat's own
 * catalogue reader.
 *
 * <p>Each line states one fact about one object: {@code <object> <property>=<value> ...}, properties whose value is
 * NULL left out. Objects are named by their schema-qualified identity (as {@code pg_identify_object},
 * {@code regtype}, {@code regprocedure}, {@code regclass} and {@code format_type} print it), never by their OID
 * (large objects excepted: their OID is their name), and never with the database's own name. Line breaks in values
 * are written {@code \n} (and backslashes doubled). Each table's rows are summed up by their count and the MD5 of
 * their sorted text, each large object's content by its MD5, user mappings' options and subscriptions' connection
 * strings by their MD5 too, as they hold passwords.
 *
 * <p>What PostgreSQL or an extension created is left out, but for the privileges a user changed on it. The database
 * is described without its name and with its owner on a line of its own ({@code database owner}), for callers to
 * filter when a restore belongs to another role; cluster-wide objects (roles, tablespaces, settings of roles in all
 * databases) and physical state (planner statistics, sizes, collation versions, replication progress) are left out.
 *
 * <p>It reads the catalogues of the server's own major version (13 and newer), as a superuser, in one read-only
 * transaction; snapshots compare between databases of servers of one major version, as names and catalogue
 * columns differ between versions.
 */
public final class CatalogSnapshot {

    private static final int SHOWN_LINES = 40;

    /** The first OID PostgreSQL gives to objects made after initdb: below it, everything is built in. */
    private static final int FIRST_USER_OID = 16384;

    /** Session settings under which every value prints the same way in every database. */
    private static final List<String> SESSION = List.of(
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "SET search_path = pg_catalog",
            "SET DateStyle = ISO, YMD", "SET IntervalStyle = postgres", "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 3", "SET bytea_output = hex", "SET lc_monetary = 'C'", "SET xmloption = content");

    private final List<String> lines;

    private CatalogSnapshot(Set<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The snapshot of a database of the server, read as the server's superuser. */
    public static CatalogSnapshot of(TestServer server, String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            connection.setAutoCommit(false);
            try {
                return new CatalogSnapshot(new Reading(connection).lines());
            } finally {
                connection.rollback();
            }
        }
    }

    /** Every fact, one a line, sorted, each once. */
    public List<String> lines() {
        return lines;
    }

    /** The snapshot without the lines a test expects to differ, such as the database's owner. */
    public CatalogSnapshot without(java.util.function.Predicate<String> expectedToDiffer) {
        return new CatalogSnapshot(new TreeSet<>(lines.stream().filter(expectedToDiffer.negate()).toList()));
    }

    /**
     * "no differences" when the snapshots are equal, else the lines only the expected one holds and the lines only
     * the actual one holds, the first {@value #SHOWN_LINES} of each.
     */
    public static String differences(CatalogSnapshot expected, CatalogSnapshot actual) {
        Set<String> missing = linesOnlyIn(expected, actual);
        Set<String> unexpected = linesOnlyIn(actual, expected);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return "no differences";
        }
        StringBuilder report = new StringBuilder();
        appendLines(report, "only in expected", missing);
        appendLines(report, "only in actual", unexpected);
        return report.toString();
    }

    private static Set<String> linesOnlyIn(CatalogSnapshot one, CatalogSnapshot other) {
        Set<String> only = new TreeSet<>(one.lines);
        only.removeAll(new HashSet<>(other.lines));
        return only;
    }

    private static void appendLines(StringBuilder report, String title, Set<String> lines) {
        report.append(title).append(" (").append(lines.size()).append(" lines):\n");
        lines.stream().limit(SHOWN_LINES).forEach(line -> report.append("  ").append(line).append('\n'));
        if (lines.size() > SHOWN_LINES) {
            report.append("  ... ").append(lines.size() - SHOWN_LINES).append(" more lines\n");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CatalogSnapshot snapshot && lines.equals(snapshot.lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        return "CatalogSnapshot of " + lines.size() + " lines";
    }

    /**
     * SQL: a type that CREATE TYPE or CREATE DOMAIN made, not one PostgreSQL made along with another object: the
     * array type of a type, the row type of a table, view or sequence, the multirange of a range.
     */
    private static final String EXPLICIT_TYPE = """
            t.typtype <> 'm'
            AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
            AND NOT EXISTS (SELECT FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)""";

    /**
     * SQL: whether a catalogue row is a user's object: not built in, and neither an extension's member nor a part
     * of one (a member table's index, constraint, trigger or policy depends on it automatically or internally).
     */
    private static String userObject(String catalog, String oid) {
        return "(" + oid + " >= " + FIRST_USER_OID + " AND NOT EXISTS (SELECT FROM pg_depend part"
                + " WHERE part.classid = " + catalog + " AND part.objid = " + oid + " AND (part.deptype = 'e'"
                + " OR part.deptype IN ('a', 'i') AND EXISTS (SELECT FROM pg_depend member"
                + " WHERE member.classid = part.refclassid AND member.objid = part.refobjid"
                + " AND member.deptype = 'e'))))";
    }

    /** SQL: whether a schema's name is a user's schema, not pg_catalog, information_schema, pg_toast or pg_temp. */
    private static String userSchemaName(String name) {
        return "(" + name + " !~ '^pg_' AND " + name + " <> 'information_schema')";
    }

    /** SQL: whether a schema (by OID) is a user's schema. */
    private static String userSchema(String namespace) {
        return namespace + " IN (SELECT oid FROM pg_namespace WHERE " + userSchemaName("nspname") + ")";
    }

    /** SQL: whether a relation (by OID) is a user's relation, in a user's schema. */
    private static String userRelation(String relation) {
        return relation + " IN (SELECT rel.oid FROM pg_class rel WHERE "
                + userObject("'pg_class'::regclass", "rel.oid") + " AND " + userSchema("rel.relnamespace") + ")";
    }

    /** SQL: a role's name, PUBLIC for the pseudo-role 0 of ACLs, policies and user mappings. */
    private static String role(String oid) {
        return "CASE WHEN " + oid + " = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(" + oid + ") END";
    }

    /**
     * SQL: the columns that follow the object's name in the lines of exploded ACL entries {@code e}: grantee, grant
     * option, grantor and the privileges they share, for a query grouped by {@link #ACL_GROUPS}.
     */
    private static String aclEntries() {
        return role("e.grantee") + " AS grantee, e.is_grantable AS grantable, " + role("e.grantor") + " AS grantor,"
                + " string_agg(e.privilege_type, ', ' ORDER BY e.privilege_type) AS privileges";
    }

    /** SQL: the grouping of a query of {@link #aclEntries()}: by object, grantee, grant option and grantor. */
    private static final String ACL_GROUPS = "GROUP BY 1, 2, 3, 4";

    /** The queries of one snapshot, on one connection, for the server's version. */
    private static final class Reading {

        private final Connection connection;
        private final int version;

        Reading(Connection connection) throws SQLException {
            this.connection = connection;
            for (String setting : SESSION) {
                execute(setting);
            }
            this.version = Integer.parseInt(strings("SELECT current_setting('server_version_num')").get(0));
        }

        Set<String> lines() throws SQLException {
            Set<String> lines = new TreeSet<>();
            for (String query : queries()) {
                lines.addAll(query(query));
            }
            lines.addAll(sequenceStates());
            lines.addAll(tableContents());
            return lines;
        }

        /** One query a family of facts; publications name schemas from PostgreSQL 15 on. */
        private List<String> queries() {
            List<String> queries = new ArrayList<>(List.of(
                    database(), databaseOwner(), databasePrivileges(), databaseSettings(), databaseComment(),
                    schemas(), extensions(), dependenciesOnExtensions(),
                    types(), enums(), ranges(), functions(), aggregates(),
                    relations(), columns(), constraints(), indexes(), triggers(), rules(), policies(), statistics(),
                    sequences(),
                    collations(), conversions(), casts(), operators(), operatorClasses(), operatorFamilies(),
                    operatorFamilyMembers(), accessMethods(), textSearchParsers(), textSearchTemplates(),
                    textSearchDictionaries(), textSearchConfigurations(), textSearchMappings(), languages(),
                    transforms(),
                    foreignDataWrappers(), foreignServers(), userMappings(), foreignTables(),
                    eventTriggers(), publications(), publicationTables(), subscriptions(), largeObjects(),
                    owners(), privileges(), columnPrivileges(), defaultPrivileges(), builtInPrivileges(), comments(),
                    securityLabels()));
            if (version >= 150000) {
                queries.add(publicationSchemas());
            }
            return queries;
        }

        /** SQL: the expression on servers of that version or newer, else NULL. */
        private String since(int versionNum, String expression) {
            return version >= versionNum ? expression : "NULL";
        }

        // ---------------------------------------------------------------- the database itself

        /** The database's encoding and locale, by the columns of the server's version. */
        private String database() {
            String localeProvider = since(150000, "d.datlocprovider");
            String icuLocale = version >= 170000 ? "d.datlocale" : since(150000, "d.daticulocale");
            String icuRules = since(160000, "d.daticurules");
            return """
                    SELECT 'database' AS object, pg_encoding_to_char(d.encoding) AS encoding, d.datcollate AS collate,
                        d.datctype AS ctype, %s AS locale_provider, %s AS locale, %s AS icu_rules
                    FROM pg_database d WHERE d.datname = current_database()"""
                    .formatted(localeProvider, icuLocale, icuRules);
        }

        /** The database's owner, alone on its line for callers whose restores belong to another role. */
        private String databaseOwner() {
            return """
                    SELECT 'database owner' AS object, pg_get_userbyid(d.datdba) AS role
                    FROM pg_database d WHERE d.datname = current_database()""";
        }

        /**
         * The database's privileges, the default ones where it has no ACL, its owner named "database owner" so that
         * a restore owned by another role compares equal.
         */
        private String databasePrivileges() {
            return """
                    SELECT 'database privilege' AS object,
                        CASE WHEN e.grantee = d.datdba THEN 'database owner' ELSE %s END AS grantee,
                        e.is_grantable AS grantable,
                        CASE WHEN e.grantor = d.datdba THEN 'database owner' ELSE %s END AS grantor,
                        string_agg(e.privilege_type, ', ' ORDER BY e.privilege_type) AS privileges
                    FROM pg_database d
                    LEFT JOIN LATERAL aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) e ON true
                    WHERE d.datname = current_database()
                    %s""".formatted(role("e.grantee"), role("e.grantor"), ACL_GROUPS);
        }

        /** ALTER DATABASE ... SET and ALTER ROLE ... IN DATABASE ... SET, one setting a line. */
        private String databaseSettings() {
            return """
                    SELECT 'database setting for ' || CASE WHEN s.setrole = 0 THEN 'all roles'
                        ELSE pg_get_userbyid(s.setrole) END AS object, setting
                    FROM pg_db_role_setting s CROSS JOIN LATERAL unnest(s.setconfig) setting
                    WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())""";
        }

        /** COMMENT ON DATABASE. */
        private String databaseComment() {
            return """
                    SELECT 'comment on database' AS object, c.description AS text
                    FROM pg_shdescription c JOIN pg_database d ON d.oid = c.objoid
                    WHERE c.classoid = 'pg_database'::regclass AND d.datname = current_database()""";
        }

        // ---------------------------------------------------------------- schemas and extensions

        /** User schemas, and the public schema always (its owner, privileges and comment are lines of their own). */
        private String schemas() {
            return "SELECT 'schema ' || quote_ident(n.nspname) AS object FROM pg_namespace n"
                    + " WHERE (n.nspname = 'public' OR " + userObject("'pg_namespace'::regclass", "n.oid") + ")"
                    + " AND " + userSchemaName("n.nspname");
        }

        /** Extensions: version, schema, and their configuration tables with the conditions on their rows. */
        private String extensions() {
            return """
                    SELECT 'extension ' || quote_ident(x.extname) AS object, x.extversion AS version,
                        x.extnamespace::regnamespace AS schema, x.extrelocatable AS relocatable,
                        (SELECT string_agg(c::regclass::text, ', ' ORDER BY i)
                            FROM unnest(x.extconfig) WITH ORDINALITY AS u(c, i)) AS configuration_tables,
                        x.extcondition AS configuration_conditions
                    FROM pg_extension x WHERE x.oid >= %d""".formatted(FIRST_USER_OID);
        }

        /** ALTER ... DEPENDS ON EXTENSION. */
        private String dependenciesOnExtensions() {
            return """
                    SELECT o.type || ' ' || o.identity || ' depends on extension ' || quote_ident(x.extname) AS object
                    FROM pg_depend d JOIN pg_extension x ON x.oid = d.refobjid
                    CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
                    WHERE d.deptype = 'x' AND d.refclassid = 'pg_extension'::regclass""";
        }

        // ---------------------------------------------------------------- types and routines

        /** Every type a user created (base, shell, composite, enum, range, domain), with every pg_type property. */
        private String types() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, t.typtype AS kind, t.typisdefined AS defined,
                        t.typlen AS length, t.typbyval AS by_value, t.typalign AS alignment, t.typstorage AS storage,
                        t.typcategory AS category, t.typispreferred AS preferred, t.typdelim AS delimiter,
                        nullif(t.typelem, 0)::regtype AS element, t.typinput::regprocedure AS input,
                        t.typoutput::regprocedure AS output, t.typreceive::regprocedure AS receive,
                        t.typsend::regprocedure AS send, t.typmodin::regprocedure AS typmod_in,
                        t.typmodout::regprocedure AS typmod_out, t.typanalyze::regprocedure AS analyze,
                        %s AS subscript,
                        CASE WHEN t.typbasetype <> 0 THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
                        t.typnotnull AS not_null, t.typdefault AS default,
                        nullif(t.typcollation, 0)::regcollation AS collation
                    FROM pg_type t CROSS JOIN LATERAL pg_identify_object('pg_type'::regclass, t.oid, 0) o
                    WHERE %s AND %s AND %s"""
                    .formatted(since(140000, "t.typsubscript::regprocedure"),
                            userObject("'pg_type'::regclass", "t.oid"), userSchema("t.typnamespace"),
                            EXPLICIT_TYPE);
        }

        /** The labels of enum types, in their order. */
        private String enums() {
            return """
                    SELECT 'enum ' || t.oid::regtype AS object,
                        array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
                    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
                    WHERE %s AND %s GROUP BY t.oid"""
                    .formatted(userObject("'pg_type'::regclass", "t.oid"), userSchema("t.typnamespace"));
        }

        /** Range types: subtype, operator class, collation, canonical and difference functions, multirange. */
        private String ranges() {
            return """
                    SELECT 'range ' || r.rngtypid::regtype AS object, r.rngsubtype::regtype AS subtype,
                        (pg_identify_object('pg_opclass'::regclass, r.rngsubopc, 0)).identity AS operator_class,
                        nullif(r.rngcollation, 0)::regcollation AS collation,
                        r.rngcanonical::regprocedure AS canonical, r.rngsubdiff::regprocedure AS subtype_diff,
                        %s AS multirange
                    FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid
                    WHERE %s AND %s"""
                    .formatted(since(140000, "r.rngmultitypid::regtype"),
                            userObject("'pg_type'::regclass", "t.oid"), userSchema("t.typnamespace"));
        }

        /** Functions and procedures, as pg_get_functiondef prints them (properties, settings and body). */
        private String functions() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, pg_get_functiondef(p.oid) AS definition
                    FROM pg_proc p CROSS JOIN LATERAL pg_identify_object('pg_proc'::regclass, p.oid, 0) o
                    WHERE p.prokind <> 'a' AND %s AND %s"""
                    .formatted(userObject("'pg_proc'::regclass", "p.oid"), userSchema("p.pronamespace"));
        }

        /** Aggregates: their signature, parallel safety, and every pg_aggregate column by name. */
        private String aggregates() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, pg_get_function_arguments(p.oid) AS arguments,
                        pg_get_function_result(p.oid) AS result, p.proparallel AS parallel, a.aggkind AS kind,
                        a.aggnumdirectargs AS direct_arguments, a.aggtransfn::regprocedure AS transition,
                        a.aggfinalfn::regprocedure AS final, a.aggcombinefn::regprocedure AS combine,
                        a.aggserialfn::regprocedure AS serial, a.aggdeserialfn::regprocedure AS deserial,
                        a.aggmtransfn::regprocedure AS moving_transition,
                        a.aggminvtransfn::regprocedure AS moving_inverse,
                        a.aggmfinalfn::regprocedure AS moving_final, a.aggfinalextra AS final_extra,
                        a.aggmfinalextra AS moving_final_extra, a.aggfinalmodify AS final_modify,
                        a.aggmfinalmodify AS moving_final_modify, a.aggsortop::regoperator AS sort_operator,
                        a.aggtranstype::regtype AS state_type, a.aggtransspace AS state_space,
                        nullif(a.aggmtranstype, 0)::regtype AS moving_state_type,
                        a.aggmtransspace AS moving_state_space, a.agginitval AS initial_value,
                        a.aggminitval AS moving_initial_value
                    FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
                    CROSS JOIN LATERAL pg_identify_object('pg_proc'::regclass, p.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_proc'::regclass", "p.oid"), userSchema("p.pronamespace"));
        }

        // ---------------------------------------------------------------- relations and their parts

        /**
         * Tables, partitioned and foreign tables, views, materialized views, sequences, indexes and composite types:
         * kind, persistence, options (the TOAST table's too), access method, tablespace, population, replica
         * identity, row security, typed-table type, partition key and bound, parents in order, view query.
         */
        private String relations() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, c.relkind AS kind, c.relpersistence AS persistence,
                        c.reloptions AS options,
                        (SELECT t.reloptions FROM pg_class t WHERE t.oid = c.reltoastrelid) AS toast_options,
                        (SELECT a.amname FROM pg_am a WHERE a.oid = c.relam) AS access_method,
                        (SELECT s.spcname FROM pg_tablespace s WHERE s.oid = c.reltablespace) AS tablespace,
                        c.relispopulated AS populated, c.relreplident AS replica_identity,
                        c.relrowsecurity AS row_security, c.relforcerowsecurity AS forced_row_security,
                        nullif(c.reloftype, 0)::regtype AS of_type,
                        CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
                        pg_get_expr(c.relpartbound, c.oid) AS partition_bound,
                        (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
                            FROM pg_inherits i WHERE i.inhrelid = c.oid) AS parents,
                        CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS query
                    FROM pg_class c CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, 0) o
                    WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S', 'i', 'I', 'c') AND %s"""
                    .formatted(userRelation("c.oid"));
        }

        /**
         * Columns of tables, views and composite types: position among the live columns, type, NOT NULL, default or
         * generation expression, identity, collation, storage, compression, statistics target (unset, whether -1 or
         * NULL, left out), options, foreign-data options, and inheritance.
         */
        private String columns() {
            return """
                    SELECT o.type || ' ' || o.identity AS object,
                        row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS position,
                        format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                        pg_get_expr(d.adbin, d.adrelid) AS default, nullif(a.attgenerated, '') AS generated,
                        nullif(a.attidentity, '') AS identity, nullif(a.attcollation, 0)::regcollation AS collation,
                        a.attstorage AS storage, %s AS compression,
                        nullif(a.attstattarget, -1) AS statistics_target, a.attoptions AS options,
                        a.attfdwoptions AS fdw_options, a.attislocal AS local, a.attinhcount AS inherited
                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                    CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum) o
                    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'c')
                        AND %s"""
                    .formatted(since(140000, "nullif(a.attcompression, '')"), userRelation("c.oid"));
        }

        /**
         * Table and domain constraints, as pg_get_constraintdef prints them, with their state. A foreign key's clone
         * on a partition (or onto a referenced partition) is named by its root constraint and its two tables: the
         * server chooses the clone's own name.
         */
        private String constraints() {
            return """
                    WITH RECURSIVE roots(oid, root) AS (
                        SELECT oid, oid FROM pg_constraint WHERE conparentid = 0
                        UNION ALL
                        SELECT k.oid, r.root FROM pg_constraint k JOIN roots r ON k.conparentid = r.oid)
                    SELECT CASE WHEN k.contype = 'f' AND k.conparentid <> 0
                            THEN 'foreign key clone of ' || ro.identity || ' from ' || k.conrelid::regclass
                                || ' to ' || k.confrelid::regclass
                            ELSE o.type || ' ' || o.identity END AS object,
                        k.contype AS kind, pg_get_constraintdef(k.oid) AS definition, k.convalidated AS validated,
                        k.condeferrable AS deferrable, k.condeferred AS deferred, k.connoinherit AS no_inherit,
                        k.conislocal AS local, k.coninhcount AS inherited
                    FROM pg_constraint k JOIN roots r ON r.oid = k.oid
                    CROSS JOIN LATERAL pg_identify_object('pg_constraint'::regclass, k.oid, 0) o
                    CROSS JOIN LATERAL pg_identify_object('pg_constraint'::regclass, r.root, 0) ro
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_constraint'::regclass", "k.oid"), userSchema("k.connamespace"));
        }

        /**
         * Indexes as pg_get_indexdef prints them (columns, method, operator classes, options, predicate), whether
         * the table is clustered on them or uses them as replica identity, and the statistics targets of their
         * expression columns, by column number.
         */
        private String indexes() {
            return """
                    SELECT 'index ' || x.indexrelid::regclass AS object, pg_get_indexdef(x.indexrelid) AS definition,
                        x.indisclustered AS clustered, x.indisreplident AS replica_identity,
                        (SELECT string_agg(a.attnum || ':' || a.attstattarget, ', ' ORDER BY a.attnum)
                            FROM pg_attribute a WHERE a.attrelid = x.indexrelid
                            AND nullif(a.attstattarget, -1) IS NOT NULL) AS statistics_targets
                    FROM pg_index x WHERE %s""".formatted(userRelation("x.indexrelid"));
        }

        /**
         * Triggers as pg_get_triggerdef prints them, with their enabled state, the clones of a partitioned table's
         * triggers on its partitions included; not the triggers that implement foreign keys.
         */
        private String triggers() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, pg_get_triggerdef(t.oid) AS definition,
                        t.tgenabled AS enabled, t.tgparentid <> 0 AS clone
                    FROM pg_trigger t CROSS JOIN LATERAL pg_identify_object('pg_trigger'::regclass, t.oid, 0) o
                    WHERE %s AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.oid = t.tgconstraint
                        AND k.contype <> 't')"""
                    .formatted(userRelation("t.tgrelid"));
        }

        /** Rules as pg_get_ruledef prints them, with their enabled state; not the views' own _RETURN rules. */
        private String rules() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, pg_get_ruledef(r.oid) AS definition,
                        r.ev_enabled AS enabled
                    FROM pg_rewrite r CROSS JOIN LATERAL pg_identify_object('pg_rewrite'::regclass, r.oid, 0) o
                    WHERE r.rulename <> '_RETURN' AND %s""".formatted(userRelation("r.ev_class"));
        }

        /** Row-level security policies: command, permissive or restrictive, roles, USING and WITH CHECK. */
        private String policies() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, p.polcmd AS command, p.polpermissive AS permissive,
                        (SELECT string_agg(name, ', ' ORDER BY name)
                            FROM (SELECT %s AS name FROM unnest(p.polroles) r) roles) AS roles,
                        pg_get_expr(p.polqual, p.polrelid) AS using,
                        pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
                    FROM pg_policy p CROSS JOIN LATERAL pg_identify_object('pg_policy'::regclass, p.oid, 0) o
                    WHERE %s""".formatted(role("r"), userRelation("p.polrelid"));
        }

        /** Extended statistics as pg_get_statisticsobjdef prints them, and their statistics target if set. */
        private String statistics() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, pg_get_statisticsobjdef(s.oid) AS definition,
                        nullif(s.stxstattarget, -1) AS statistics_target
                    FROM pg_statistic_ext s
                    CROSS JOIN LATERAL pg_identify_object('pg_statistic_ext'::regclass, s.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_statistic_ext'::regclass", "s.oid"), userSchema("s.stxnamespace"));
        }

        /** Sequences' options and the column that owns them (OWNED BY, serial or identity). */
        private String sequences() {
            return """
                    SELECT 'sequence ' || s.seqrelid::regclass AS object, s.seqtypid::regtype AS type,
                        s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS minimum, s.seqmax AS maximum,
                        s.seqcache AS cache, s.seqcycle AS cycle,
                        (SELECT (pg_identify_object(d.refclassid, d.refobjid, d.refobjsubid)).identity
                            FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
                            AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid <> 0
                            AND d.deptype IN ('a', 'i')) AS owned_by
                    FROM pg_sequence s WHERE %s""".formatted(userRelation("s.seqrelid"));
        }

        // ---------------------------------------------------------------- other schema objects

        /** Collations: provider, locales by the columns of the server's version, determinism. */
        private String collations() {
            String locale = version >= 170000 ? "c.colllocale" : since(150000, "c.colliculocale");
            return """
                    SELECT o.type || ' ' || o.identity AS object, c.collprovider AS provider,
                        c.collisdeterministic AS deterministic, pg_encoding_to_char(c.collencoding) AS encoding,
                        c.collcollate AS collate, c.collctype AS ctype, %s AS locale, %s AS icu_rules
                    FROM pg_collation c CROSS JOIN LATERAL pg_identify_object('pg_collation'::regclass, c.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(locale, since(160000, "c.collicurules"),
                            userObject("'pg_collation'::regclass", "c.oid"), userSchema("c.collnamespace"));
        }

        /** Encoding conversions: encodings, function, whether default. */
        private String conversions() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, pg_encoding_to_char(c.conforencoding) AS source,
                        pg_encoding_to_char(c.contoencoding) AS target, c.conproc::regprocedure AS function,
                        c.condefault AS default
                    FROM pg_conversion c CROSS JOIN LATERAL pg_identify_object('pg_conversion'::regclass, c.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_conversion'::regclass", "c.oid"), userSchema("c.connamespace"));
        }

        /** Casts: source and target (in the name), function, context, method. */
        private String casts() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, c.castfunc::regprocedure AS function,
                        c.castcontext AS context, c.castmethod AS method
                    FROM pg_cast c CROSS JOIN LATERAL pg_identify_object('pg_cast'::regclass, c.oid, 0) o
                    WHERE %s""".formatted(userObject("'pg_cast'::regclass", "c.oid"));
        }

        /** Operators: every pg_operator column, types, operators and functions by name. */
        private String operators() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, p.oprkind AS kind, p.oprleft::regtype AS left,
                        p.oprright::regtype AS right, p.oprresult::regtype AS result,
                        p.oprcom::regoperator AS commutator, p.oprnegate::regoperator AS negator,
                        p.oprcode::regprocedure AS function, p.oprrest::regprocedure AS restrict,
                        p.oprjoin::regprocedure AS join, p.oprcanmerge AS merges, p.oprcanhash AS hashes
                    FROM pg_operator p CROSS JOIN LATERAL pg_identify_object('pg_operator'::regclass, p.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_operator'::regclass", "p.oid"), userSchema("p.oprnamespace"));
        }

        /** Operator classes: family, input type, whether default, storage type (method in the name). */
        private String operatorClasses() {
            return """
                    SELECT o.type || ' ' || o.identity AS object,
                        (pg_identify_object('pg_opfamily'::regclass, c.opcfamily, 0)).identity AS family,
                        c.opcintype::regtype AS input_type, c.opcdefault AS default,
                        nullif(c.opckeytype, 0)::regtype AS storage_type
                    FROM pg_opclass c CROSS JOIN LATERAL pg_identify_object('pg_opclass'::regclass, c.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_opclass'::regclass", "c.oid"), userSchema("c.opcnamespace"));
        }

        /** Operator families (method in the name). */
        private String operatorFamilies() {
            return """
                    SELECT o.type || ' ' || o.identity AS object
                    FROM pg_opfamily f CROSS JOIN LATERAL pg_identify_object('pg_opfamily'::regclass, f.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_opfamily'::regclass", "f.oid"), userSchema("f.opfnamespace"));
        }

        /**
         * The operators and support functions of operator families, a user's additions to built-in families
         * included: strategy or support number, left and right types and family (in the name), the operator with its
         * purpose and sort family, or the function.
         */
        private String operatorFamilyMembers() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, m.amopopr::regoperator AS operator,
                        m.amoppurpose AS purpose,
                        (pg_identify_object('pg_opfamily'::regclass, nullif(m.amopsortfamily, 0), 0)).identity
                            AS sort_family,
                        NULL AS function
                    FROM pg_amop m CROSS JOIN LATERAL pg_identify_object('pg_amop'::regclass, m.oid, 0) o
                    WHERE %s
                    UNION ALL
                    SELECT o.type || ' ' || o.identity, NULL, NULL, NULL, m.amproc::regprocedure::text
                    FROM pg_amproc m CROSS JOIN LATERAL pg_identify_object('pg_amproc'::regclass, m.oid, 0) o
                    WHERE %s"""
                    .formatted(userObject("'pg_amop'::regclass", "m.oid"),
                            userObject("'pg_amproc'::regclass", "m.oid"));
        }

        /** Access methods: type and handler. */
        private String accessMethods() {
            return """
                    SELECT 'access method ' || quote_ident(a.amname) AS object, a.amtype AS type,
                        a.amhandler::regprocedure AS handler
                    FROM pg_am a WHERE %s""".formatted(userObject("'pg_am'::regclass", "a.oid"));
        }

        /** Text search parsers: their functions. */
        private String textSearchParsers() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, p.prsstart::regprocedure AS start,
                        p.prstoken::regprocedure AS get_token, p.prsend::regprocedure AS end,
                        p.prsheadline::regprocedure AS headline, p.prslextype::regprocedure AS lextypes
                    FROM pg_ts_parser p CROSS JOIN LATERAL pg_identify_object('pg_ts_parser'::regclass, p.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_ts_parser'::regclass", "p.oid"), userSchema("p.prsnamespace"));
        }

        /** Text search templates: their functions. */
        private String textSearchTemplates() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, t.tmplinit::regprocedure AS init,
                        t.tmpllexize::regprocedure AS lexize
                    FROM pg_ts_template t
                    CROSS JOIN LATERAL pg_identify_object('pg_ts_template'::regclass, t.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_ts_template'::regclass", "t.oid"), userSchema("t.tmplnamespace"));
        }

        /** Text search dictionaries: template and options. */
        private String textSearchDictionaries() {
            return """
                    SELECT o.type || ' ' || o.identity AS object,
                        (pg_identify_object('pg_ts_template'::regclass, d.dicttemplate, 0)).identity AS template,
                        d.dictinitoption AS options
                    FROM pg_ts_dict d CROSS JOIN LATERAL pg_identify_object('pg_ts_dict'::regclass, d.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_ts_dict'::regclass", "d.oid"), userSchema("d.dictnamespace"));
        }

        /** Text search configurations: parser. */
        private String textSearchConfigurations() {
            return """
                    SELECT o.type || ' ' || o.identity AS object,
                        (pg_identify_object('pg_ts_parser'::regclass, c.cfgparser, 0)).identity AS parser
                    FROM pg_ts_config c CROSS JOIN LATERAL pg_identify_object('pg_ts_config'::regclass, c.oid, 0) o
                    WHERE %s AND %s"""
                    .formatted(userObject("'pg_ts_config'::regclass", "c.oid"), userSchema("c.cfgnamespace"));
        }

        /** Text search configurations' mappings: per token type (by its parser's alias), the dictionaries in order. */
        private String textSearchMappings() {
            return """
                    SELECT o.type || ' ' || o.identity || ' mapping for ' || tt.alias AS object,
                        string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno) AS dictionaries
                    FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg
                    CROSS JOIN LATERAL pg_identify_object('pg_ts_config'::regclass, c.oid, 0) o
                    JOIN LATERAL ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
                    WHERE %s AND %s
                    GROUP BY o.type, o.identity, tt.alias"""
                    .formatted(userObject("'pg_ts_config'::regclass", "c.oid"), userSchema("c.cfgnamespace"));
        }

        /** Procedural languages: trusted, handler, inline and validator functions. */
        private String languages() {
            return """
                    SELECT 'language ' || quote_ident(l.lanname) AS object, l.lanispl AS procedural,
                        l.lanpltrusted AS trusted, l.lanplcallfoid::regprocedure AS handler,
                        l.laninline::regprocedure AS inline, l.lanvalidator::regprocedure AS validator
                    FROM pg_language l WHERE %s""".formatted(userObject("'pg_language'::regclass", "l.oid"));
        }

        /** Transforms: type and language (in the name), from-SQL and to-SQL functions. */
        private String transforms() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, t.trffromsql::regprocedure AS from_sql,
                        t.trftosql::regprocedure AS to_sql
                    FROM pg_transform t CROSS JOIN LATERAL pg_identify_object('pg_transform'::regclass, t.oid, 0) o
                    WHERE %s""".formatted(userObject("'pg_transform'::regclass", "t.oid"));
        }

        // ---------------------------------------------------------------- foreign data

        /** Foreign-data wrappers: handler, validator, options. */
        private String foreignDataWrappers() {
            return """
                    SELECT 'foreign-data wrapper ' || quote_ident(w.fdwname) AS object,
                        w.fdwhandler::regprocedure AS handler, w.fdwvalidator::regprocedure AS validator,
                        w.fdwoptions AS options
                    FROM pg_foreign_data_wrapper w WHERE %s"""
                    .formatted(userObject("'pg_foreign_data_wrapper'::regclass", "w.oid"));
        }

        /** Foreign servers: wrapper, type, version, options. */
        private String foreignServers() {
            return """
                    SELECT 'server ' || quote_ident(s.srvname) AS object, w.fdwname AS wrapper, s.srvtype AS type,
                        s.srvversion AS version, s.srvoptions AS options
                    FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
                    WHERE %s""".formatted(userObject("'pg_foreign_server'::regclass", "s.oid"));
        }

        /**
         * User mappings: the names of their options and the MD5 of the options with their values, so that a changed
         * password shows without the password.
         */
        private String userMappings() {
            return """
                    SELECT o.type || ' ' || o.identity AS object,
                        (SELECT string_agg(split_part(option, '=', 1), ', ' ORDER BY option)
                            FROM unnest(u.umoptions) option) AS option_names,
                        md5(array_to_string(ARRAY(SELECT option FROM unnest(u.umoptions) option ORDER BY 1),
                            chr(10))) AS options_md5
                    FROM pg_user_mapping u
                    CROSS JOIN LATERAL pg_identify_object('pg_user_mapping'::regclass, u.oid, 0) o
                    WHERE %s""".formatted(userObject("'pg_foreign_server'::regclass", "u.umserver"));
        }

        /** Foreign tables: server and options (their columns' options are the columns' lines). */
        private String foreignTables() {
            return """
                    SELECT 'foreign table ' || f.ftrelid::regclass AS object, s.srvname AS server,
                        f.ftoptions AS options
                    FROM pg_foreign_table f JOIN pg_foreign_server s ON s.oid = f.ftserver
                    WHERE %s""".formatted(userRelation("f.ftrelid"));
        }

        // ---------------------------------------------------------------- event triggers, replication, large objects

        /** Event triggers: event, command tags, function, enabled state. */
        private String eventTriggers() {
            return """
                    SELECT 'event trigger ' || quote_ident(e.evtname) AS object, e.evtevent AS event,
                        e.evttags AS tags, e.evtfoid::regprocedure AS function, e.evtenabled AS enabled
                    FROM pg_event_trigger e WHERE %s""".formatted(userObject("'pg_event_trigger'::regclass", "e.oid"));
        }

        /** Publications: every flag and publish option the server's version has, as JSON. */
        private String publications() {
            return """
                    SELECT 'publication ' || quote_ident(p.pubname) AS object,
                        to_jsonb(p) - 'oid' - 'pubname' - 'pubowner' AS flags
                    FROM pg_publication p WHERE %s""".formatted(userObject("'pg_publication'::regclass", "p.oid"));
        }

        /** The tables of publications, with their row filter and column list (15 and newer). */
        private String publicationTables() {
            return """
                    SELECT 'publication ' || quote_ident(p.pubname) || ' table ' || r.prrelid::regclass AS object,
                        %s AS row_filter, %s AS columns
                    FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid
                    WHERE %s"""
                    .formatted(since(150000, "pg_get_expr(r.prqual, r.prrelid)"),
                            since(150000, "(SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a"
                                    + " WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs))"),
                            userObject("'pg_publication'::regclass", "p.oid"));
        }

        /** The schemas of publications (FOR TABLES IN SCHEMA, 15 and newer). */
        private String publicationSchemas() {
            return """
                    SELECT 'publication ' || quote_ident(p.pubname) || ' schema ' || s.pnnspid::regnamespace AS object
                    FROM pg_publication_namespace s JOIN pg_publication p ON p.oid = s.pnpubid
                    WHERE %s""".formatted(userObject("'pg_publication'::regclass", "p.oid"));
        }

        /**
         * The subscriptions of this database: the MD5 of their connection string (it holds passwords), and every
         * other column the server's version has, as JSON, but the skip LSN, which is replication progress.
         */
        private String subscriptions() {
            return """
                    SELECT 'subscription ' || quote_ident(s.subname) AS object, md5(s.subconninfo) AS connection_md5,
                        to_jsonb(s) - 'oid' - 'subdbid' - 'subname' - 'subowner' - 'subconninfo' - 'subskiplsn'
                            AS options
                    FROM pg_subscription s
                    WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())""";
        }

        /** Large objects, by their OID (which a restore keeps): the MD5 of their contents. */
        private String largeObjects() {
            return "SELECT 'large object ' || l.oid AS object, md5(lo_get(l.oid)) AS md5"
                    + " FROM pg_largeobject_metadata l";
        }

        // ---------------------------------------------------------------- owners, privileges, comments, labels

        /**
         * SQL: the objects that have an owner, with their ACL and the kind of their default ACL where they have
         * one: those of users, large objects, and the public schema.
         */
        private String ownedObjects() {
            return """
                    WITH owned(catalog, objid, owner, acl, acl_kind) AS (
                        SELECT 'pg_namespace'::regclass, oid, nspowner, nspacl, 'n' FROM pg_namespace
                            WHERE %1$s
                        UNION ALL SELECT 'pg_class'::regclass, oid, relowner, relacl,
                            CASE relkind WHEN 'S' THEN 's' ELSE 'r' END
                            FROM pg_class WHERE relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND %2$s
                        UNION ALL SELECT 'pg_proc'::regclass, oid, proowner, proacl, 'f' FROM pg_proc WHERE %3$s
                        UNION ALL SELECT 'pg_type'::regclass, t.oid, t.typowner, t.typacl, 'T' FROM pg_type t
                            WHERE %4$s AND %5$s
                        UNION ALL SELECT 'pg_language'::regclass, oid, lanowner, lanacl, 'l' FROM pg_language
                        UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid, fdwowner, fdwacl, 'F'
                            FROM pg_foreign_data_wrapper
                        UNION ALL SELECT 'pg_foreign_server'::regclass, oid, srvowner, srvacl, 'S'
                            FROM pg_foreign_server
                        UNION ALL SELECT 'pg_largeobject'::regclass, oid, lomowner, lomacl, 'L'
                            FROM pg_largeobject_metadata
                        UNION ALL SELECT 'pg_collation'::regclass, oid, collowner, NULL, NULL FROM pg_collation
                            WHERE %6$s
                        UNION ALL SELECT 'pg_conversion'::regclass, oid, conowner, NULL, NULL FROM pg_conversion
                            WHERE %7$s
                        UNION ALL SELECT 'pg_operator'::regclass, oid, oprowner, NULL, NULL FROM pg_operator
                            WHERE %8$s
                        UNION ALL SELECT 'pg_opclass'::regclass, oid, opcowner, NULL, NULL FROM pg_opclass
                            WHERE %9$s
                        UNION ALL SELECT 'pg_opfamily'::regclass, oid, opfowner, NULL, NULL FROM pg_opfamily
                            WHERE %10$s
                        UNION ALL SELECT 'pg_ts_dict'::regclass, oid, dictowner, NULL, NULL FROM pg_ts_dict
                            WHERE %11$s
                        UNION ALL SELECT 'pg_ts_config'::regclass, oid, cfgowner, NULL, NULL FROM pg_ts_config
                            WHERE %12$s
                        UNION ALL SELECT 'pg_statistic_ext'::regclass, oid, stxowner, NULL, NULL FROM pg_statistic_ext
                            WHERE %13$s
                        UNION ALL SELECT 'pg_extension'::regclass, oid, extowner, NULL, NULL FROM pg_extension
                        UNION ALL SELECT 'pg_event_trigger'::regclass, oid, evtowner, NULL, NULL FROM pg_event_trigger
                        UNION ALL SELECT 'pg_publication'::regclass, oid, pubowner, NULL, NULL FROM pg_publication
                        UNION ALL SELECT 'pg_subscription'::regclass, oid, subowner, NULL, NULL FROM pg_subscription
                            WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()))
                    SELECT w.*, i.type, i.identity
                    FROM owned w CROSS JOIN LATERAL pg_identify_object(w.catalog, w.objid, 0) i
                    WHERE w.catalog = 'pg_largeobject'::regclass
                        OR w.catalog = 'pg_namespace'::regclass AND i.identity = 'public'
                        OR %14$s"""
                    .formatted(userSchemaName("nspname"), userSchema("relnamespace"), userSchema("pronamespace"),
                            userSchema("t.typnamespace"), EXPLICIT_TYPE, userSchema("collnamespace"),
                            userSchema("connamespace"), userSchema("oprnamespace"), userSchema("opcnamespace"),
                            userSchema("opfnamespace"), userSchema("dictnamespace"), userSchema("cfgnamespace"),
                            userSchema("stxnamespace"), userObject("w.catalog", "w.objid"));
        }

        /** The owner of every object that has one. */
        private String owners() {
            return "SELECT 'owner of ' || o.type || ' ' || o.identity AS object, pg_get_userbyid(o.owner) AS role"
                    + " FROM (" + ownedObjects() + ") o";
        }

        /**
         * The privileges on every object that has an ACL, one entry a line, the default ACL where it is NULL; an
         * ACL without any entry is one line without a grantee.
         */
        private String privileges() {
            return """
                    SELECT 'privilege on ' || o.type || ' ' || o.identity AS object, %s
                    FROM (%s) o
                    LEFT JOIN LATERAL aclexplode(coalesce(o.acl, acldefault(o.acl_kind::"char", o.owner))) e ON true
                    WHERE o.acl_kind IS NOT NULL
                    %s""".formatted(aclEntries(), ownedObjects(), ACL_GROUPS);
        }

        /** The privileges on columns of users' relations, one entry a line. */
        private String columnPrivileges() {
            return """
                    SELECT 'privilege on ' || o.type || ' ' || o.identity AS object, %s
                    FROM pg_attribute a
                    CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum) o
                    LEFT JOIN LATERAL aclexplode(a.attacl) e ON true
                    WHERE a.attacl IS NOT NULL AND NOT a.attisdropped AND %s
                    %s""".formatted(aclEntries(), userRelation("a.attrelid"), ACL_GROUPS);
        }

        /** ALTER DEFAULT PRIVILEGES: per role, schema (or all) and object kind, one entry a line. */
        private String defaultPrivileges() {
            return """
                    SELECT o.type || ' ' || o.identity AS object, %s
                    FROM pg_default_acl d
                    CROSS JOIN LATERAL pg_identify_object('pg_default_acl'::regclass, d.oid, 0) o
                    LEFT JOIN LATERAL aclexplode(d.defaclacl) e ON true
                    %s""".formatted(aclEntries(), ACL_GROUPS);
        }

        /**
         * The privileges on objects PostgreSQL or an extension made (relations, columns, functions, types, schemas,
         * languages, foreign-data wrappers and servers) that differ, as sets, from the initial privileges
         * pg_init_privs holds for them, or that pg_init_privs has no record of: those a user changed, and those of
         * information_schema, which initdb creates after it recorded the initial privileges. One line an object, its
         * ACL sorted. The public schema has lines of its own.
         */
        private String builtInPrivileges() {
            return """
                    WITH acls(catalog, objid, subid, acl) AS (
                        SELECT 'pg_class'::regclass, oid, 0, relacl FROM pg_class WHERE relacl IS NOT NULL
                        UNION ALL SELECT 'pg_class'::regclass, attrelid, attnum, attacl FROM pg_attribute
                            WHERE attacl IS NOT NULL
                        UNION ALL SELECT 'pg_proc'::regclass, oid, 0, proacl FROM pg_proc WHERE proacl IS NOT NULL
                        UNION ALL SELECT 'pg_type'::regclass, oid, 0, typacl FROM pg_type WHERE typacl IS NOT NULL
                        UNION ALL SELECT 'pg_namespace'::regclass, oid, 0, nspacl FROM pg_namespace
                            WHERE nspacl IS NOT NULL AND nspname <> 'public'
                        UNION ALL SELECT 'pg_language'::regclass, oid, 0, lanacl FROM pg_language
                            WHERE lanacl IS NOT NULL
                        UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid, 0, fdwacl
                            FROM pg_foreign_data_wrapper WHERE fdwacl IS NOT NULL
                        UNION ALL SELECT 'pg_foreign_server'::regclass, oid, 0, srvacl FROM pg_foreign_server
                            WHERE srvacl IS NOT NULL),
                    sorted AS (
                        SELECT a.*, ARRAY(SELECT x::text FROM unnest(a.acl) x ORDER BY 1) AS entries,
                            (SELECT ARRAY(SELECT x::text FROM unnest(p.initprivs) x ORDER BY 1) FROM pg_init_privs p
                                WHERE p.classoid = a.catalog AND p.objoid = a.objid AND p.objsubid = a.subid)
                                AS initial_entries
                        FROM acls a)
                    SELECT 'built-in privileges on ' || o.type || ' ' || o.identity AS object, s.entries AS acl
                    FROM sorted s CROSS JOIN LATERAL pg_identify_object(s.catalog, s.objid, s.subid) o
                    WHERE (s.objid < %d OR EXISTS (SELECT FROM pg_depend m WHERE m.classid = s.catalog
                            AND m.objid = s.objid AND m.deptype = 'e'))
                        AND s.entries IS DISTINCT FROM s.initial_entries"""
                    .formatted(FIRST_USER_OID);
        }

        /** Comments on users' objects, their columns and parts, on large objects, the public schema, subscriptions. */
        private String comments() {
            return """
                    SELECT 'comment on ' || o.type || ' ' || o.identity AS object, c.description AS text
                    FROM pg_description c CROSS JOIN LATERAL pg_identify_object(c.classoid, c.objoid, c.objsubid) o
                    WHERE (c.classoid = 'pg_largeobject'::regclass
                        OR c.classoid = 'pg_namespace'::regclass AND o.identity = 'public'
                        OR %s AND (o.schema IS NULL OR %s))
                    UNION ALL
                    SELECT 'comment on subscription ' || quote_ident(s.subname), c.description
                    FROM pg_shdescription c JOIN pg_subscription s ON s.oid = c.objoid
                    WHERE c.classoid = 'pg_subscription'::regclass
                        AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"""
                    .formatted(userObject("c.classoid", "c.objoid"), userSchemaName("o.schema"));
        }

        /** Security labels on users' objects, large objects, this database and its subscriptions. */
        private String securityLabels() {
            return """
                    SELECT 'security label ' || quote_ident(l.provider) || ' on ' || o.type || ' ' || o.identity
                        AS object, l.label
                    FROM pg_seclabel l CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) o
                    WHERE l.classoid = 'pg_largeobject'::regclass OR %s AND (o.schema IS NULL OR %s)
                    UNION ALL
                    SELECT 'security label ' || quote_ident(l.provider) || ' on database', l.label
                    FROM pg_shseclabel l JOIN pg_database d ON d.oid = l.objoid
                    WHERE l.classoid = 'pg_database'::regclass AND d.datname = current_database()
                    UNION ALL
                    SELECT 'security label ' || quote_ident(l.provider) || ' on subscription '
                        || quote_ident(s.subname), l.label
                    FROM pg_shseclabel l JOIN pg_subscription s ON s.oid = l.objoid
                    WHERE l.classoid = 'pg_subscription'::regclass
                        AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"""
                    .formatted(userObject("l.classoid", "l.objoid"), userSchemaName("o.schema"));
        }

        // ---------------------------------------------------------------- data

        /** SQL: the users' relations of some kinds and the extensions' configuration relations of those kinds. */
        private static String relationsHoldingData(String kinds) {
            return "SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind IN (" + kinds + ") AND ("
                    + userRelation("c.oid") + " OR c.oid IN (SELECT unnest(extconfig) FROM pg_extension))"
                    + " AND (c.relkind <> 'm' OR c.relispopulated)";
        }

        /** The state of every sequence (last value and whether it was called), read from the sequence itself. */
        private List<String> sequenceStates() throws SQLException {
            List<String> lines = new ArrayList<>();
            for (String sequence : strings(relationsHoldingData("'S'"))) {
                lines.addAll(query("SELECT " + literal("state of sequence " + sequence)
                        + " AS object, last_value, is_called FROM " + sequence));
            }
            return lines;
        }

        /**
         * The rows of every table (its own, not its children's) and populated materialized view: their count and
         * the MD5 of their text, sorted byte-wise.
         */
        private List<String> tableContents() throws SQLException {
            List<String> lines = new ArrayList<>();
            for (String table : strings(relationsHoldingData("'r', 'm'"))) {
                lines.addAll(query("SELECT " + literal("rows of " + table) + " AS object, count(*) AS rows,"
                        + " md5(string_agg(t::text, chr(10) ORDER BY t::text COLLATE \"C\")) AS md5"
                        + " FROM ONLY " + table + " t"));
            }
            return lines;
        }

        // ---------------------------------------------------------------- JDBC

        private static String literal(String text) {
            return "'" + text.replace("'", "''") + "'";
        }

        private void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        private List<String> strings(String sql) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }

        /**
         * The rows of a query as lines: the first column names the object, each further column whose value is not
         * NULL adds {@code label=value}; line breaks in values are written {@code \n}.
         */
        private List<String> query(String sql) throws SQLException {
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    StringBuilder line = new StringBuilder(rows.getString(1));
                    for (int column = 2; column <= columns.getColumnCount(); column++) {
                        String value = rows.getString(column);
                        if (value != null) {
                            line.append(' ').append(columns.getColumnLabel(column)).append('=').append(value);
                        }
                    }
                    lines.add(oneLine(line.toString()));
                }
            }
            return lines;
        }

        private static String oneLine(String text) {
            return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
        }
    }
}
