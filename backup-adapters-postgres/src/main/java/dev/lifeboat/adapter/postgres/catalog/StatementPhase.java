package dev.lifeboat.adapter.postgres.catalog;

/**
 * When a schema statement runs during a restore, in this order. Statements of one phase run in the order given,
 * except where the phase says they may run in parallel.
 */
public enum StatementPhase {
    /**
     * Before the data, in dependency order, in one transaction: every object that data or other objects need, from
     * schemas and extensions to tables, views and foreign tables, with their comments, owners and privileges.
     */
    PRE_DATA,
    /** setval of every sequence, right after the data. */
    SEQUENCE_VALUES,
    /** Indexes, primary-key, unique and exclusion constraints: each touches one table, so they may run in parallel. */
    INDEXES,
    /**
     * Foreign keys, after the keys they reference. Each checks its table's rows against the table it references, so
     * they may run in parallel as pg_restore runs them; two that lock the same table wait for each other.
     */
    FOREIGN_KEYS,
    /**
     * Everything else that must wait for the data or the keys: functions and views that rely on a primary key,
     * triggers, rules, policies, row-security switches, extended statistics, publications, subscriptions, privileges
     * changed on built-in objects, and the comments and privileges of these.
     */
    POST_DATA,
    /** REFRESH MATERIALIZED VIEW, in dependency order. */
    REFRESH,
    /**
     * Event triggers, after everything else the restore creates, so that none fires during it; they are made
     * disabled, and switched on in {@link #AFTER_CHECK}.
     */
    EVENT_TRIGGERS,
    /**
     * The database's own settings, comment, privileges and owner, last, so that a setting such as
     * {@code default_transaction_read_only} cannot get in the restore's way. These statements name the database
     * {@link SchemaStatement#CURRENT_DATABASE}.
     */
    DATABASE,
    /**
     * What would get in the way of checking the restored database, once the check has passed and before the
     * database takes the target's name: the event triggers' enabled states (a login trigger that writes a row or
     * refuses a login would change or block the check's sessions) and the database's connection limit. A deep
     * verification, which drops its database, never runs them. These statements may name the database
     * {@link SchemaStatement#CURRENT_DATABASE}.
     */
    AFTER_CHECK;

    /** Whether the statements of this phase name the database they run in {@link SchemaStatement#CURRENT_DATABASE}. */
    public boolean namesDatabase() {
        return this == DATABASE || this == AFTER_CHECK;
    }
}
