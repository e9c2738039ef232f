package dev.lifeboat.adapter.postgres.catalog;

/**
 * What a schema script includes besides the objects themselves.
 *
 * @param owners     ALTER ... OWNER TO statements (pg_dump without -O)
 * @param privileges GRANT/REVOKE and ALTER DEFAULT PRIVILEGES statements (pg_dump without -x)
 */
public record SchemaOptions(boolean owners, boolean privileges) {

    public static SchemaOptions all() {
        return new SchemaOptions(true, true);
    }
}
