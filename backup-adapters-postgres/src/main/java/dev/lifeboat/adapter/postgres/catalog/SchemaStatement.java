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
 */
public record SchemaStatement(StatementPhase phase, StatementKind kind, String label, String sql, List<String> roles) {

    /**
     * How statements of phase {@link StatementPhase#DATABASE} name the database they run in: psql's variable for
     * it, so that psql fills it in when the script is run by hand; a restore puts in the name of the database it
     * loads.
     */
    public static final String CURRENT_DATABASE = ":\"DBNAME\"";

    public SchemaStatement {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sql, "sql");
        roles = List.copyOf(roles);
    }

    /** A statement that names no role. */
    public SchemaStatement(StatementPhase phase, StatementKind kind, String label, String sql) {
        this(phase, kind, label, sql, List.of());
    }
}
