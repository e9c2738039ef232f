package org.example.lifeboat.csv;

import dev.lifeboat.domain.contract.DatabaseEngineContract;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The csv engine held to the contract every lifeboat engine passes, from backup-domain's test-jar. */
class CsvEngineContractTest extends DatabaseEngineContract {

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected DatabaseEngine engine() {
        return new CsvEngine();
    }

    @Override
    protected DatabaseLocation createSampleDatabase() throws Exception {
        Path directory = Files.createDirectory(scratchDirectory.resolve("shop-" + databases.incrementAndGet()));
        Files.writeString(directory.resolve("customers.csv"), """
                id,name,city
                1,"Smith, Anna",Berlin
                2,"Ole ""the bear"" Berg","Oslo
                (old town)"
                """);
        Files.writeString(directory.resolve("orders.csv"), "id,customer,total\r\n1,1,9.50\r\n2,1,12.00\r\n3,2,3.25\r\n");
        return DatabaseLocation.of("csv:" + directory);
    }

    @Override
    protected void changeOneValue(DatabaseLocation database) throws Exception {
        Path orders = CsvDirectory.of(database).path().resolve("orders.csv");
        Files.writeString(orders, Files.readString(orders).replace("12.00", "12.50"));
    }

    @Override
    protected DatabaseLocation newTargetLocation() {
        return DatabaseLocation.of("csv:" + scratchDirectory.resolve("restored-" + databases.incrementAndGet()));
    }
}
