package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * Security labels, which lifeboat does not reproduce: they need a label provider (SELinux's sepgsql) loaded on both
 * servers. Each one is reported, on objects of the database and on the database itself, so a backup never drops one
 * silently; leaving one out leaves out nothing else.
 */
final class SecurityLabelsReader {

    private SecurityLabelsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT 'security label on ' || o.type || ' ' || o.identity AS line "
                + "FROM pg_catalog.pg_seclabel s, LATERAL pg_catalog.pg_identify_object(s.classoid, s.objoid, s.objsubid) o "
                + "UNION ALL SELECT 'security label on database (provider ' || s.provider || ')' FROM pg_catalog.pg_shseclabel s "
                + "JOIN pg_catalog.pg_database d ON d.oid = s.objoid AND s.classoid = 'pg_catalog.pg_database'::pg_catalog.regclass "
                + "WHERE d.datname = pg_catalog.current_database()")) {
            context.script().unsupported(row.text("line"));
        }
    }
}
