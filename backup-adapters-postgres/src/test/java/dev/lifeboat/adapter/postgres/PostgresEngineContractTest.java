package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.contract.DatabaseEngineContract;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.DatabaseEngine;

/** The PostgreSQL engine held to the contract every engine meets, on the newest supported server. */
class PostgresEngineContractTest extends DatabaseEngineContract {

    private final PostgresServers.TestServer server = PostgresServers.newest();

    @Override
    protected DatabaseEngine engine() {
        return new PostgresEngine();
    }

    @Override
    protected DatabaseLocation createSampleDatabase() throws Exception {
        String database = server.createDatabase("contract");
        server.execute(database,
                "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, joined date)",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, customer integer REFERENCES customers, total numeric(10,2))",
                "INSERT INTO customers SELECT i, 'customer ' || i, DATE '2026-01-01' + i FROM generate_series(1, 50) i",
                "INSERT INTO orders (customer, total) SELECT 1 + i % 50, i * 1.25 FROM generate_series(1, 200) i");
        return DatabaseLocation.parse(server.url(database));
    }

    /** Autovacuum may add a map or statistics page or two to the database between two readings of its size. */
    @Override
    protected long sizeDrift() {
        return 8 * 8192;
    }

    @Override
    protected void changeOneValue(DatabaseLocation database) throws Exception {
        server.execute(name(database), "UPDATE customers SET name = 'changed' WHERE id = 7");
    }

    @Override
    protected DatabaseLocation newTargetLocation() {
        return DatabaseLocation.parse(server.url(PostgresServers.uniqueName("target")));
    }

    private static String name(DatabaseLocation location) {
        String spec = location.spec();
        return spec.substring(spec.lastIndexOf('/') + 1);
    }
}
