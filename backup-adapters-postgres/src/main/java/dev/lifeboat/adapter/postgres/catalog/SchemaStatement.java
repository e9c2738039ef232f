package dev.lifeboat.adapter.postgres.catalog;

import java.util.Objects;

/**
 * One SQL statement of a schema script.
 *
 * @param phase when it runs during a restore
 * @param kind  what it does
 * @param label the object it is about, for messages: {@code INDEX public.orders_customer_idx}
 * @param sql   the statement, without its terminating semicolon
 */
public record SchemaStatement(StatementPhase phase, StatementKind kind, String label, String sql) {

    public SchemaStatement {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sql, "sql");
    }
}
