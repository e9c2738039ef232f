package dev.lifeboat.adapter.postgres.catalog;

/**
 * Select-list expressions that name a catalog object the way a statement must: always schema-qualified and quoted
 * where needed, whatever the session's search_path. Operator names are never quoted: they are not identifiers.
 */
final class CatalogNames {

    private CatalogNames() {
    }

    /** {@code "schema"."name"} of the function with OID {@code oid}, or NULL when the OID is 0. */
    static String function(String oid) {
        return "(SELECT pg_catalog.format('%s.%s', pg_catalog.quote_ident(fn.nspname), pg_catalog.quote_ident(f.proname))"
                + " FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace"
                + " WHERE f.oid = " + oid + ")";
    }

    /** {@code "schema"."name"(argument types)} of the function with OID {@code oid}, or NULL when the OID is 0. */
    static String functionSignature(String oid) {
        return "(SELECT pg_catalog.format('%s.%s(%s)', pg_catalog.quote_ident(fn.nspname), pg_catalog.quote_ident(f.proname),"
                + " pg_catalog.oidvectortypes(f.proargtypes))"
                + " FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace"
                + " WHERE f.oid = " + oid + ")";
    }

    /** {@code "schema".name} of the operator with OID {@code oid}, or NULL when the OID is 0. */
    static String operator(String oid) {
        return "(SELECT pg_catalog.format('%s.%s', pg_catalog.quote_ident(pn.nspname), p.oprname)"
                + " FROM pg_catalog.pg_operator p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.oprnamespace"
                + " WHERE p.oid = " + oid + ")";
    }

    /** {@code "schema"."name"} of the operator family with OID {@code oid}, or NULL when the OID is 0. */
    static String operatorFamily(String oid) {
        return "(SELECT pg_catalog.format('%s.%s', pg_catalog.quote_ident(qn.nspname), pg_catalog.quote_ident(q.opfname))"
                + " FROM pg_catalog.pg_opfamily q JOIN pg_catalog.pg_namespace qn ON qn.oid = q.opfnamespace"
                + " WHERE q.oid = " + oid + ")";
    }

    /**
     * A function's name as regproc prints it, or NULL when the OID is 0: schema-qualified unless the function is on
     * the search path, which a backup empties (so only pg_catalog's functions come unqualified, and every session
     * finds those).
     */
    static String regproc(String oid) {
        return "CASE WHEN " + oid + " <> 0 THEN " + oid + "::pg_catalog.regproc::text END";
    }

    /** {@code "schema"."name"}: a schema alias's name and a name column, each quoted where needed. */
    static String qualified(String namespaceAlias, String nameColumn) {
        return "pg_catalog.format('%s.%s', pg_catalog.quote_ident(" + namespaceAlias + ".nspname), "
                + "pg_catalog.quote_ident(" + nameColumn + "))";
    }

    /** A type's name as format_type gives it, or NULL when the OID is 0 (an operator's missing argument). */
    static String type(String oid) {
        return "CASE WHEN " + oid + " <> 0 THEN pg_catalog.format_type(" + oid + ", NULL) END";
    }
}
