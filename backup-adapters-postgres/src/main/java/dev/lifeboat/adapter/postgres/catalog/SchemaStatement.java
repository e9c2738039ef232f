package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One SQL statement of a schema script.
 *
 * @param phase when it runs during a restore
 * @param kind  what it does
 * @param label the object it is about, for messages: {@code INDEX public.orders_customer_idx}
 * @param sql   the statement, without its terminating semicolon
 * @param roles the roles the statement names, which must exist where it runs (known while a backup reads the
 *              catalogs; empty for statements read back from an archive)
 * @param secret whether the statement holds a secret (a user mapping's password, a subscription's connection
 *               string): the archive keeps it, since a restore needs it, but no message ever shows the statement
 */
public record SchemaStatement(StatementPhase phase, StatementKind kind, String label, String sql, List<String> roles,
                              boolean secret) {

    /**
     * How statements about the database itself (phases {@link StatementPhase#DATABASE} and
     * {@link StatementPhase#AFTER_CHECK}) name the database they run in: psql's variable for it, so that psql fills
     * it in when the script is run by hand; a restore puts in the name of the database it loads (see
     * {@link #inDatabase}).
     */
    public static final String CURRENT_DATABASE = ":\"DBNAME\"";

    public SchemaStatement {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sql, "sql");
        roles = List.copyOf(roles);
    }

    /** A statement without secrets. */
    public SchemaStatement(StatementPhase phase, StatementKind kind, String label, String sql, List<String> roles) {
        this(phase, kind, label, sql, roles, false);
    }

    /** A statement that names no role and holds no secret. */
    public SchemaStatement(StatementPhase phase, StatementKind kind, String label, String sql) {
        this(phase, kind, label, sql, List.of());
    }

    /** The same statement with other text (the database's name filled in), as secret as it was. */
    public SchemaStatement withSql(String otherSql) {
        return new SchemaStatement(phase, kind, label, otherSql, roles, secret);
    }

    /**
     * The statement as it runs in the database of that name: the {@link #CURRENT_DATABASE} that follows the first
     * {@code DATABASE } of the statement is replaced, and nothing else. The writer puts it there, before anything
     * the statement quotes (a role's name quoted before it cannot hold it, since its double quotes are doubled), so a
     * setting's value or a comment that holds the same text is left as it is.
     */
    public SchemaStatement inDatabase(String name) {
        String placeholder = "DATABASE " + CURRENT_DATABASE;
        int at = sql.indexOf(placeholder);
        if (at < 0) {
            return this;
        }
        return withSql(sql.substring(0, at) + "DATABASE " + Identifiers.quote(name)
                + sql.substring(at + placeholder.length()));
    }

    /** Without the text of a secret statement, so that printing a statement cannot leak its secret. */
    @Override
    public String toString() {
        return "SchemaStatement[phase=" + phase + ", kind=" + kind + ", label=" + label + ", sql="
                + (secret ? "(holds a secret, not shown)" : sql) + ", roles=" + roles + ", secret=" + secret + "]";
    }
}
