package dev.lifeboat.adapter.postgres.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read-only catalog queries on the backup's connection, with rows as small name-keyed maps. */
final class Catalog {

    /** Objects with lower OIDs were made by initdb. */
    static final long FIRST_NORMAL_OID = 16384;

    /** SQL condition: the namespace alias {@code n} is a user's schema. */
    static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private final Connection connection;
    private final int serverVersion;

    Catalog(Connection connection) throws SQLException {
        this.connection = connection;
        this.serverVersion = Integer.parseInt(single("SHOW server_version_num"));
    }

    /** server_version_num: 130022, 170006. */
    int serverVersion() {
        return serverVersion;
    }

    boolean atLeast(int major) {
        return serverVersion >= major * 10000;
    }

    /** SQL condition: the object {@code oidColumn} of catalog {@code catalog} is not a member of an extension. */
    static String notExtensionMember(String catalog, String oidColumn) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend xd WHERE xd.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND xd.objid = " + oidColumn + " AND xd.deptype = 'e')";
    }

    /** SQL condition: the object is not a part made and dropped with another (a range type's constructors). */
    static String notInternal(String catalog, String oidColumn) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend xi WHERE xi.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND xi.objid = " + oidColumn + " AND xi.deptype = 'i')";
    }

    String single(String sql, Object... parameters) throws SQLException {
        List<Row> rows = rows(sql, parameters);
        if (rows.size() != 1) {
            throw new SQLException("expected one row from: " + sql + ", got " + rows.size());
        }
        return rows.get(0).text(rows.get(0).firstColumn());
    }

    List<Row> rows(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<Row> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> values = new HashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        if (value instanceof Array array) {
                            value = arrayValues(array);
                        }
                        values.put(meta.getColumnLabel(column), value);
                    }
                    rows.add(new Row(values, meta.getColumnLabel(1)));
                }
                return rows;
            }
        }
    }

    /** A text array's elements as strings (NULL elements stay null); none for a NULL array. */
    static List<String> arrayValues(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] elements = (Object[]) array.getArray();
        List<String> values = new ArrayList<>(elements.length);
        for (Object element : elements) {
            values.add(element == null ? null : element.toString());
        }
        return values;
    }

    /** One result row. */
    record Row(Map<String, Object> values, String firstColumn) {

        String text(String column) {
            Object value = values.get(column);
            return value == null ? null : value.toString();
        }

        boolean has(String column) {
            return values.get(column) != null;
        }

        long number(String column) {
            Object value = values.get(column);
            return value == null ? 0 : ((Number) value).longValue();
        }

        boolean flag(String column) {
            return Boolean.TRUE.equals(values.get(column));
        }

        @SuppressWarnings("unchecked")
        List<String> list(String column) {
            Object value = values.get(column);
            return value == null ? List.of() : (List<String>) value;
        }
    }
}
