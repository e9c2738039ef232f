package dev.lifeboat.adapter.postgres.catalog;

/** Quoting of SQL identifiers and literals, the way PostgreSQL's quote_ident and quote_literal do it. */
public final class Identifiers {

    private Identifiers() {
    }

    /** Always double-quotes, so reserved words, capitals and odd characters all survive. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A string literal; uses the E'' form only when it holds a backslash. */
    public static String literal(String value) {
        String doubled = value.replace("'", "''");
        if (doubled.indexOf('\\') >= 0) {
            return "E'" + doubled.replace("\\", "\\\\") + "'";
        }
        return "'" + doubled + "'";
    }
}
