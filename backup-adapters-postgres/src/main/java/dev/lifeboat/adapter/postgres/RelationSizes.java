package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The size on disk of every plain table, so parallel work can start with the largest. */
final class RelationSizes {

    private RelationSizes() {
    }

    static Map<QualifiedName, Long> of(Connection connection) throws SQLException {
        Map<QualifiedName, Long> sizes = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("""
                     SELECT n.nspname, c.relname, pg_catalog.pg_relation_size(c.oid)
                       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                      WHERE c.relkind = 'r'""")) {
            while (result.next()) {
                sizes.put(new QualifiedName(result.getString(1), result.getString(2)), result.getLong(3));
            }
        }
        return sizes;
    }
}
