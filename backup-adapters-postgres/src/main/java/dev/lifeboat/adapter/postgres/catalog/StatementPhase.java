package dev.lifeboat.adapter.postgres.catalog;

/**
 * When a schema statement runs during a restore, in this order. Statements of one phase run in the order given,
 * except where the phase says they may run in parallel.
 */
public enum StatementPhase {
    /** Before the data: schemas, extensions, types, functions, sequences, tables, views. One transaction. */
    PRE_DATA,
    /** setval of every sequence, right after the data. */
    SEQUENCE_VALUES,
    /** Indexes, primary-key, unique and exclusion constraints: each touches one table, so they may run in parallel. */
    INDEXES,
    /** Foreign keys, after the keys they reference. */
    FOREIGN_KEYS,
    /** Triggers, rules, policies, row-security switches, comments and privileges on post-data objects. */
    POST_DATA,
    /** REFRESH MATERIALIZED VIEW, in dependency order, last. */
    REFRESH;

    /** Whether the statements of this phase may run at the same time on several connections. */
    public boolean parallel() {
        return this == INDEXES;
    }
}
