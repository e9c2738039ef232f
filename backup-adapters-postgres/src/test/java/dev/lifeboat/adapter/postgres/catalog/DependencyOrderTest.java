package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Objects whose names sort before what they depend on still come after it. */
class DependencyOrderTest {

    @ParameterizedTest
    @EnumSource(Version.class)
    void pre_data_objects_follow_their_dependencies_not_their_names(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "order", """
                CREATE SCHEMA aa;
                CREATE SCHEMA zz;
                CREATE FUNCTION zz.valid(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t <> '' $$;
                CREATE DOMAIN aa.code AS text CHECK (zz.valid(VALUE));
                CREATE TYPE zz.kind AS ENUM ('a', 'b');
                CREATE TABLE zz.base (id integer, kind zz.kind, code aa.code, since date);
                CREATE TABLE aa.child (extra text) INHERITS (zz.base);
                CREATE TABLE zz.parted (id integer) PARTITION BY RANGE (id);
                CREATE TABLE aa.part PARTITION OF zz.parted FOR VALUES FROM (0) TO (10);
                CREATE VIEW zz.first_view AS SELECT id FROM zz.base;
                CREATE VIEW aa.second_view AS SELECT id FROM zz.first_view;
                CREATE MATERIALIZED VIEW zz.totals AS SELECT count(*) AS n FROM aa.second_view;
                CREATE MATERIALIZED VIEW aa.totals_again AS SELECT n FROM zz.totals;
                CREATE FUNCTION aa.first_day(row_of zz.base DEFAULT NULL) RETURNS date LANGUAGE sql
                    AS $$ SELECT date '2024-01-01' $$;
                ALTER TABLE zz.base ALTER COLUMN since SET DEFAULT aa.first_day();
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());
        List<String> labels = script.statements().stream()
                .filter(statement -> statement.kind() == StatementKind.DEFINITION)
                .map(statement -> statement.phase() + " " + statement.label()).toList();

        assertThat(labels).containsSubsequence("PRE_DATA FUNCTION zz.valid(t text)", "PRE_DATA DOMAIN aa.code");
        assertThat(labels).containsSubsequence("PRE_DATA TYPE zz.kind", "PRE_DATA TABLE zz.base",
                "PRE_DATA TABLE aa.child");
        assertThat(labels).containsSubsequence("PRE_DATA TABLE zz.parted", "PRE_DATA TABLE aa.part");
        assertThat(labels).containsSubsequence("PRE_DATA VIEW zz.first_view", "PRE_DATA VIEW aa.second_view",
                "PRE_DATA MATERIALIZED VIEW zz.totals", "PRE_DATA MATERIALIZED VIEW aa.totals_again");
        assertThat(labels).containsSubsequence("REFRESH MATERIALIZED VIEW zz.totals",
                "REFRESH MATERIALIZED VIEW aa.totals_again");
        assertThat(labels).containsSubsequence("PRE_DATA TABLE zz.base", "PRE_DATA FUNCTION aa.first_day(row_of zz.base)",
                "PRE_DATA TABLE zz.base");
        assertThat(labels).containsSubsequence("PRE_DATA SCHEMA aa", "PRE_DATA SCHEMA zz", "PRE_DATA DOMAIN aa.code");

        String copy = server.createDatabase("order_copy");
        CatalogSessions.apply(server, copy, script);
        assertThat(CatalogSessions.read(server, copy, SchemaOptions.all()).statements())
                .isEqualTo(script.statements());
    }
}
