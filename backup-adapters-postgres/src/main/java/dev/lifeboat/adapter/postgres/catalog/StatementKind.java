package dev.lifeboat.adapter.postgres.catalog;

/** What a schema statement does, so a restore can leave out ownership or privileges when asked. */
public enum StatementKind {
    /** Creates or alters an object (and anything not listed below). */
    DEFINITION,
    /** ALTER ... OWNER TO. */
    OWNER,
    /** GRANT, REVOKE, ALTER DEFAULT PRIVILEGES. */
    PRIVILEGE,
    /** COMMENT ON. */
    COMMENT
}
