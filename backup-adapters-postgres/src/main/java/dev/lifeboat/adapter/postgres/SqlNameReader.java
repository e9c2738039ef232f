package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import java.util.Optional;

/**
 * Reads names out of SQL text that lifeboat or the server wrote, from left to right: an identifier in double quotes (a
 * doubled quote inside stands for one) or bare as quote_ident leaves it, and the fixed words between them.
 */
final class SqlNameReader {

    private final String sql;
    private int at;

    SqlNameReader(String sql) {
        this.sql = sql;
    }

    /** Whether the text goes on with {@code expected}; if so, reads past it. */
    boolean word(String expected) {
        if (sql.startsWith(expected, at)) {
            at += expected.length();
            return true;
        }
        return false;
    }

    /** {@code schema.name}, each part quoted or bare. */
    Optional<QualifiedName> qualifiedName() {
        Optional<String> schema = identifier();
        if (schema.isEmpty() || !word(".")) {
            return Optional.empty();
        }
        return identifier().map(name -> new QualifiedName(schema.get(), name));
    }

    /** An identifier, quoted or bare. */
    Optional<String> identifier() {
        if (at < sql.length() && sql.charAt(at) == '"') {
            return quoted();
        }
        int start = at;
        while (at < sql.length() && bare(sql.charAt(at), at == start)) {
            at++;
        }
        return at == start ? Optional.empty() : Optional.of(sql.substring(start, at));
    }

    private Optional<String> quoted() {
        StringBuilder name = new StringBuilder();
        for (int i = at + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c != '"') {
                name.append(c);
            } else if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                name.append('"');
                i++;
            } else {
                at = i + 1;
                return Optional.of(name.toString());
            }
        }
        return Optional.empty();
    }

    /** What quote_ident leaves unquoted: lower-case ASCII letters, digits and underscores, not a digit first. */
    private static boolean bare(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c == '_' || !first && c >= '0' && c <= '9';
    }
}
