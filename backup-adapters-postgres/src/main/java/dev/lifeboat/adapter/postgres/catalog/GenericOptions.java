package dev.lifeboat.adapter.postgres.catalog;

/**
 * The generic options of foreign-data wrappers, servers, user mappings, foreign tables and their columns (text arrays
 * of {@code name=value}), as select-list expressions. Options keep their stored order, so a restore stores the same
 * array.
 */
final class GenericOptions {

    private GenericOptions() {
    }

    /** The inside of an OPTIONS clause, {@code user 'app', "sslMode" 'require'}; NULL when there are none. */
    static String clause(String options) {
        return aggregate(options, "pg_catalog.quote_ident(o.name) || ' ' || pg_catalog.quote_literal(o.value)", ", ");
    }

    /** The options for a description, {@code user=app,port=5432}; NULL when there are none. */
    static String described(String options) {
        return aggregate(options, "o.name || '=' || o.value", ",");
    }

    /** As {@link #described}, with each value replaced by its MD5 hash: for options that may hold a password. */
    static String hashed(String options) {
        return aggregate(options, "o.name || '=md5:' || pg_catalog.md5(o.value)", ",");
    }

    private static String aggregate(String options, String element, String separator) {
        return "(SELECT pg_catalog.string_agg(" + element + ", '" + separator + "' ORDER BY o.n)"
                + " FROM pg_catalog.pg_options_to_table(" + options + ") WITH ORDINALITY AS o(name, value, n))";
    }

    /** {@code  OPTIONS (...)} for a clause read with {@link #clause}, or nothing. */
    static String suffix(String clause) {
        return clause == null ? "" : " OPTIONS (" + clause + ")";
    }
}
