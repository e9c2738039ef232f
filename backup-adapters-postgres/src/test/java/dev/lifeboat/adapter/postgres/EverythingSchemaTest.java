package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EverythingSchemaTest {

    private static final String SCHEMAS = "n.nspname IN ('inventory', 'Sales Dept')";

    @ParameterizedTest
    @EnumSource(Version.class)
    void loads_every_object_kind(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = server.createDatabase("everything");

        TestSchemas.loadEverything(server, database);

        try (Connection connection = server.connect(database)) {
            assertThat(strings(connection, "SELECT DISTINCT c.relkind::text FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + SCHEMAS))
                    .contains("r", "p", "v", "m", "S", "i", "I", "c");
            assertThat(count(connection, "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND " + SCHEMAS)).isEqualTo(19);
            assertThat(count(connection, "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind = 'p' AND " + SCHEMAS)).isEqualTo(4);
            assertThat(strings(connection, "SELECT DISTINCT c.contype::text FROM pg_constraint c"
                    + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE " + SCHEMAS))
                    .contains("p", "u", "f", "c", "x");
            assertThat(strings(connection, "SELECT DISTINCT a.amname::text FROM pg_class c"
                    + " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind = 'i' AND " + SCHEMAS))
                    .contains("btree", "hash", "gist", "gin", "spgist", "brin");
            assertThat(strings(connection, "SELECT extname::text FROM pg_extension"))
                    .contains("citext", "btree_gist");
            assertThat(strings(connection, "SELECT typtype::text FROM pg_type t"
                    + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + SCHEMAS + " AND t.typtype <> 'b'"))
                    .contains("e", "c", "d", "r");
            assertThat(strings(connection, "SELECT p.prokind::text FROM pg_proc p"
                    + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + SCHEMAS))
                    .contains("f", "p", "a");
            assertThat(strings(connection, "SELECT polpermissive::text FROM pg_policy"))
                    .containsExactlyInAnyOrder("true", "false");
            assertThat(strings(connection, "SELECT relname || ' populated ' || relispopulated FROM pg_class"
                    + " WHERE relkind = 'm'"))
                    .containsExactlyInAnyOrder("order_totals populated true", "product_report populated false");
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void every_table_has_rows_and_a_null_in_every_nullable_column(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = server.createDatabase("everything");

        TestSchemas.loadEverything(server, database);

        try (Connection connection = server.connect(database)) {
            Map<String, List<String>> nullableColumns = nullableColumns(connection);
            assertThat(nullableColumns).hasSizeGreaterThanOrEqualTo(23);
            List<String> empty = new ArrayList<>();
            List<String> neverNull = new ArrayList<>();
            for (var table : nullableColumns.entrySet()) {
                if (count(connection, "SELECT count(*) FROM " + table.getKey()) == 0) {
                    empty.add(table.getKey());
                }
                for (String column : table.getValue()) {
                    if (count(connection, "SELECT count(*) FROM " + table.getKey() + " WHERE " + column
                            + " IS NULL") == 0) {
                        neverNull.add(table.getKey() + "." + column);
                    }
                }
            }
            assertThat(empty).as("tables without rows").isEmpty();
            assertThat(neverNull).as("nullable columns without a NULL").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void loads_again_into_another_database_of_the_same_server(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String first = server.createDatabase("everything");
        String second = server.createDatabase("everything");

        TestSchemas.loadEverything(server, first);
        TestSchemas.loadEverything(server, second);

        try (Connection connection = server.connect(second)) {
            assertThat(strings(connection, "SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'lifeboat_test_%'"))
                    .contains("lifeboat_test_owner", "lifeboat_test_reader");
            assertThat(strings(connection, "SELECT pg_get_userbyid(relowner)::text FROM pg_class"
                    + " WHERE oid = '\"Sales Dept\".customers'::regclass"))
                    .containsExactly("lifeboat_test_owner");
            assertThat(count(connection, "SELECT count(*) FROM \"Sales Dept\".orders")).isEqualTo(250);
        }
    }

    /** Every ordinary or partitioned table of the test schemas, with the columns that may hold NULL. */
    private static Map<String, List<String>> nullableColumns(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.oid::regclass::text,"
                     + " array_remove(array_agg(quote_ident(a.attname) ORDER BY a.attnum), NULL)::text[]"
                     + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                     + "   AND NOT a.attnotnull AND a.attgenerated = ''"
                     + "   AND NOT (SELECT t.typnotnull FROM pg_type t WHERE t.oid = a.atttypid)"
                     + " WHERE c.relkind IN ('r', 'p') AND " + SCHEMAS
                     + " GROUP BY c.oid ORDER BY 1")) {
            while (rows.next()) {
                columns.put(rows.getString(1), List.of((String[]) rows.getArray(2).getArray()));
            }
        }
        return columns;
    }

    private static Set<String> strings(Connection connection, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
