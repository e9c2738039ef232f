package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogSnapshotTest {

    /** The content catalog-extras.sql gives large object 424242. */
    private static final String LARGE_OBJECT_CONTENT = "the first content of a large object";

    /** Beginnings of lines the loaded schemas must give, at least one per family of the snapshot. */
    private static final List<String> EXPECTED_LINES = List.of(
            "database encoding=UTF8 collate=",
            "database owner role=postgres",
            "database privilege grantee=lifeboat_test_reader grantable=f grantor=database owner privileges=CONNECT",
            "database setting for all roles setting=statement_timeout=5min",
            "database setting for lifeboat_test_reader setting=search_path=inventory, public",
            "comment on database text=a database for the catalogue snapshot",
            "schema inventory",
            "schema public",
            "extension citext version=",
            "type inventory.mood kind=e ",
            "type inventory.positive_amount kind=d ",
            "type inventory.not_yet_defined kind=p defined=f ",
            "enum inventory.mood labels={sad,ok,happy,\"très bien\"}",
            "range inventory.float_range subtype=double precision operator_class=pg_catalog.float8_ops USING btree",
            "function inventory.price_with_tax(numeric,numeric) definition=CREATE OR REPLACE FUNCTION"
                    + " inventory.price_with_tax(price numeric, rate numeric DEFAULT 0.20)\\n RETURNS numeric",
            "procedure inventory.restock(pg_catalog.text,integer) definition=CREATE OR REPLACE PROCEDURE",
            "aggregate inventory.pipe_join(pg_catalog.text) arguments=text result=text",
            "table inventory.products kind=r persistence=p options={fillfactor=70}",
            "table inventory.session_cache kind=r persistence=u",
            "table inventory.addresses kind=r persistence=p access_method=heap populated=t replica_identity=i",
            "table inventory.on_heap_copy kind=r persistence=p access_method=heap_copy",
            "table \"Sales Dept\".orders_2024_europe kind=r persistence=p access_method=heap populated=t"
                    + " replica_identity=d row_security=f forced_row_security=f partition_bound=FOR VALUES IN ('eu',"
                    + " 'uk') parents=\"Sales Dept\".orders_2024",
            "table inventory.cars kind=r ",
            "view inventory.cheap_products kind=v persistence=p options={check_option=local}",
            "materialized view inventory.product_report kind=m persistence=p access_method=heap populated=f",
            "table column inventory.products.sku position=2 type=text not_null=t collation=\"C\" storage=x"
                    + " statistics_target=300",
            "table column inventory.products.name position=3 type=public.citext not_null=t collation=\"default\""
                    + " storage=x options={n_distinct=-0.5}",
            "table column inventory.products.total position=6 type=numeric not_null=f"
                    + " default=(price * (quantity)::numeric) generated=s",
            "composite type column inventory.address.city position=2 type=character varying(80)",
            "table constraint products_price_not_negative on inventory.products kind=c definition=CHECK",
            "table constraint audit_log_operation_known on inventory.audit_log kind=c definition=CHECK",
            "domain constraint positive_amount_positive on inventory.positive_amount kind=c",
            "foreign key clone of orders_customer_id_fkey on \"Sales Dept\".orders from \"Sales Dept\".orders_2023"
                    + " to \"Sales Dept\".customers kind=f",
            "foreign key clone of sensor_notes_reading_fk on inventory.sensor_notes from inventory.sensor_notes"
                    + " to inventory.sensor_readings_0 kind=f",
            "index inventory.products_lower_sku definition=CREATE INDEX products_lower_sku ON inventory.products"
                    + " USING btree (lower(sku)) clustered=f replica_identity=f statistics_targets=1:200",
            "index inventory.products_pkey definition=CREATE UNIQUE INDEX products_pkey ON inventory.products"
                    + " USING btree (id) clustered=t",
            "trigger orders_log_row on \"Sales Dept\".orders_2023 definition=CREATE TRIGGER orders_log_row",
            "rule audit_log_keep on inventory.audit_log definition=CREATE RULE audit_log_keep",
            "policy customers_reader_limits on \"Sales Dept\".customers command=* permissive=f"
                    + " roles=lifeboat_test_reader",
            "statistics object inventory.products_price_quantity definition=CREATE STATISTICS",
            "sequence inventory.serial_codes type=bigint start=105 increment=5 minimum=100 maximum=100000 cache=10"
                    + " cycle=t",
            "sequence \"Sales Dept\".invoice_numbers type=integer start=1000 ",
            "state of sequence inventory.not_yet_called last_value=1 is_called=f",
            "state of sequence inventory.serial_codes last_value=",
            "collation inventory.german_phonebook provider=i deterministic=t",
            "conversion inventory.latin1_to_utf8 source=LATIN1 target=UTF8",
            "cast (inventory.mood AS integer) function=inventory.mood_rank(inventory.mood) context=a method=f",
            "operator inventory.===(integer,integer) kind=b left=integer right=integer result=boolean",
            "operator class inventory.parity_ops USING hash family=inventory.parity_ops USING hash",
            "operator family inventory.parity_ops USING hash",
            "operator of access method operator 1 (integer, integer) of inventory.parity_ops USING hash"
                    + " operator=inventory.===(integer,integer)",
            "function of access method function 1 (integer, integer) of inventory.parity_ops USING hash"
                    + " function=inventory.parity_hash(integer)",
            "access method heap_copy type=t handler=heap_tableam_handler(internal)",
            "text search parser inventory.default_copy start=prsd_start(internal,integer)",
            "text search template inventory.simple_copy init=dsimple_init(internal)",
            "text search dictionary inventory.english_simple template=inventory.simple_copy",
            "text search configuration inventory.product_search parser=inventory.default_copy",
            "text search configuration inventory.product_search mapping for asciiword"
                    + " dictionaries=inventory.english_simple, simple",
            "transform for integer ",
            "foreign-data wrapper snapshot_wrapper handler=- validator=- options={debug=true}",
            "server snapshot_server wrapper=snapshot_wrapper type=test version=1.0",
            "user mapping lifeboat_test_owner on server snapshot_server option_names=password, user options_md5=",
            "foreign table inventory.remote_items server=snapshot_server options={table_name=items}",
            "foreign table column inventory.remote_items.id position=1 type=integer",
            "event trigger snapshot_ddl event=ddl_command_end tags={\"CREATE TABLE\"}"
                    + " function=inventory.note_ddl() enabled=D",
            "publication snapshot_publication flags=",
            "publication snapshot_publication table inventory.products",
            "subscription snapshot_subscription connection_md5=",
            "large object 424242 md5=" + md5(LARGE_OBJECT_CONTENT),
            "owner of large object 424242 role=lifeboat_test_owner",
            "owner of table \"Sales Dept\".customers role=lifeboat_test_owner",
            "owner of schema public role=",
            "owner of subscription snapshot_subscription role=postgres",
            "privilege on table inventory.products grantee=lifeboat_test_reader grantable=f grantor=postgres"
                    + " privileges=SELECT",
            "privilege on table \"Sales Dept\".orders grantee=lifeboat_test_owner grantable=t grantor=postgres"
                    + " privileges=INSERT, SELECT",
            "privilege on function inventory.log_statement() grantee=lifeboat_test_owner",
            "privilege on table column \"Sales Dept\".customers.\"Display Name\" grantee=lifeboat_test_reader"
                    + " grantable=f grantor=lifeboat_test_owner privileges=SELECT, UPDATE",
            "privilege on large object 424242 grantee=lifeboat_test_reader",
            "privilege on schema public grantee=PUBLIC",
            "default acl for role lifeboat_test_owner in schema \"Sales Dept\" on tables"
                    + " grantee=lifeboat_test_reader",
            "default acl for role lifeboat_test_owner on functions grantee=lifeboat_test_owner",
            "built-in privileges on type public.citext acl=",
            "comment on table inventory.products text=products on sale",
            "comment on table column inventory.type_showcase.body text=text with\ttabs and\\nnewlines",
            "comment on schema public text=standard public schema",
            "comment on subscription snapshot_subscription text=never connected",
            "comment on large object 424242 text=a large object with a fixed OID",
            "rows of inventory.products rows=153 md5=",
            "rows of \"Sales Dept\".orders_2024_europe rows=",
            "rows of \"Sales Dept\".order_totals rows=4 md5=");

    @ParameterizedTest
    @EnumSource(value = Version.class, names = {"PG13", "PG18"})
    void two_databases_loaded_alike_have_equal_snapshots_with_a_line_of_every_family(Version version)
            throws Exception {
        TestServer server = PostgresServers.server(version);
        String first = loadedDatabase(server);
        String second = loadedDatabase(server);

        CatalogSnapshot expected = CatalogSnapshot.of(server, first);
        CatalogSnapshot actual = CatalogSnapshot.of(server, second);

        assertThat(actual).as(CatalogSnapshot.differences(expected, actual)).isEqualTo(expected);
        assertThat(CatalogSnapshot.differences(expected, actual)).isEqualTo("no differences");
        assertThat(expected.lines()).isSorted();
        for (String beginning : EXPECTED_LINES) {
            assertThat(expected.lines()).as("a line beginning with: %s", beginning)
                    .anyMatch(line -> line.startsWith(beginning));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Version.class, names = {"PG13", "PG18"})
    void the_database_name_and_the_passwords_never_show(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = loadedDatabase(server);

        List<String> lines = CatalogSnapshot.of(server, database).lines();

        assertThat(lines).hasSizeGreaterThan(500)
                .noneMatch(line -> line.contains(database))
                .noneMatch(line -> line.contains("secret"));
    }

    /** A change to a database that its snapshot must show, in a line beginning as said. */
    record Change(String name, String statement, String changedLine) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> changes() {
        List<Change> changes = List.of(
                new Change("a changed column default",
                        "ALTER TABLE inventory.products ALTER COLUMN quantity SET DEFAULT 2",
                        "table column inventory.products.quantity "),
                new Change("a dropped comment", "COMMENT ON TABLE inventory.products IS NULL",
                        "comment on table inventory.products "),
                new Change("a revoked privilege", "REVOKE SELECT ON inventory.products FROM lifeboat_test_reader",
                        "privilege on table inventory.products grantee=lifeboat_test_reader "),
                new Change("a changed owner", "ALTER TABLE inventory.products OWNER TO lifeboat_test_owner",
                        "owner of table inventory.products "),
                new Change("a trigger disabled on a partition",
                        "ALTER TABLE \"Sales Dept\".orders_2023 DISABLE TRIGGER orders_log_row",
                        "trigger orders_log_row on \"Sales Dept\".orders_2023 "),
                new Change("a changed statistics target of an index column",
                        "ALTER INDEX inventory.products_lower_sku ALTER COLUMN 1 SET STATISTICS 100",
                        "index inventory.products_lower_sku "),
                new Change("a changed column option",
                        "ALTER TABLE inventory.products ALTER COLUMN sku SET (n_distinct = 100)",
                        "table column inventory.products.sku "),
                new Change("a setting of the database",
                        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(),"
                                + " '8MB'); END $$",
                        "database setting for all roles setting=work_mem=8MB"),
                new Change("a revoked EXECUTE on a pg_catalog function",
                        "REVOKE EXECUTE ON FUNCTION pg_catalog.pg_sleep(double precision) FROM PUBLIC",
                        "built-in privileges on function pg_catalog.pg_sleep(double precision) "),
                new Change("a changed ACL of the public schema", "REVOKE USAGE ON SCHEMA public FROM PUBLIC",
                        "privilege on schema public grantee=PUBLIC "),
                new Change("a changed content of a large object", "SELECT lo_put(424242, 0, '\\x58')",
                        "large object 424242 "),
                new Change("an added collation", "CREATE COLLATION inventory.another_c FROM \"C\"",
                        "collation inventory.another_c "),
                new Change("an added operator",
                        "CREATE OPERATOR inventory.<=> (LEFTARG = integer, RIGHTARG = integer,"
                                + " FUNCTION = inventory.same_parity)",
                        "operator inventory.<=>(integer,integer) "),
                new Change("a changed mapping of a text search configuration",
                        "ALTER TEXT SEARCH CONFIGURATION inventory.product_search ALTER MAPPING FOR int"
                                + " WITH inventory.english_simple",
                        "text search configuration inventory.product_search mapping for int "),
                new Change("a table added to a publication",
                        "ALTER PUBLICATION snapshot_publication ADD TABLE \"Sales Dept\".customers",
                        "publication snapshot_publication table \"Sales Dept\".customers"),
                new Change("a changed password of a user mapping",
                        "ALTER USER MAPPING FOR lifeboat_test_owner SERVER snapshot_server"
                                + " OPTIONS (SET password 'second-secret')",
                        "user mapping lifeboat_test_owner on server snapshot_server "));
        return Stream.of(Version.PG13, Version.PG18)
                .flatMap(version -> changes.stream().map(change -> Arguments.of(version, change)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("changes")
    void a_change_shows_in_the_snapshot(Version version, Change change) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = loadedDatabase(server);
        CatalogSnapshot before = CatalogSnapshot.of(server, database);

        server.execute(database, change.statement());
        CatalogSnapshot after = CatalogSnapshot.of(server, database);

        assertThat(after).isNotEqualTo(before);
        assertThat(CatalogSnapshot.differences(before, after).lines())
                .anyMatch(line -> line.startsWith("  " + change.changedLine()));
        assertThat(after.lines()).noneMatch(line -> line.contains("secret"));
    }

    private static String loadedDatabase(TestServer server) throws SQLException {
        String database = server.createDatabase("snapshot");
        TestSchemas.loadEverything(server, database);
        TestSchemas.loadCatalogExtras(server, database);
        return database;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
