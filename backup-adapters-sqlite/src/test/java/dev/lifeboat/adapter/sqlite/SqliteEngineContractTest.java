package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.contract.DatabaseEngineContract;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class SqliteEngineContractTest extends DatabaseEngineContract {

    private final AtomicInteger counter = new AtomicInteger();

    @TempDir
    Path databases;

    @Override
    protected DatabaseEngine engine() {
        return new SqliteEngine();
    }

    @Override
    protected DatabaseLocation createSampleDatabase() throws Exception {
        Path file = databases.resolve("sample-" + counter.incrementAndGet() + ".db");
        Sqlite.execute(file,
                "CREATE TABLE artists(id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE albums(id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES artists(id), title TEXT)",
                "INSERT INTO artists(name) VALUES ('AC/DC'), ('Accept'), ('Aerosmith')",
                "INSERT INTO albums(artist_id, title) VALUES (1, 'For Those About To Rock'), (2, 'Balls to the Wall')");
        return DatabaseLocation.of(file.toString());
    }

    @Override
    protected void changeOneValue(DatabaseLocation database) throws Exception {
        Sqlite.execute(Path.of(database.spec()), "UPDATE artists SET name = 'Alanis Morissette' WHERE id = 2");
    }

    @Override
    protected DatabaseLocation newTargetLocation() {
        return DatabaseLocation.of("sqlite:" + databases.resolve("target-" + counter.incrementAndGet() + ".db"));
    }
}
