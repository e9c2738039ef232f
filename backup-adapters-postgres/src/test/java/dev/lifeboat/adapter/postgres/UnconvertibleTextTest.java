package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.Progress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * lifeboat reads every database in UTF-8. Text that has no UTF-8 form (bytes a SQL_ASCII database took as they came)
 * cannot be backed up by it: that is an incompatible database (exit 8), said as such, not a server that cannot be
 * reached (exit 3), which the failure was reported as.
 */
class UnconvertibleTextTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();

    @Test
    void latin1_bytes_in_a_sql_ascii_database_are_an_incompatible_database() throws Exception {
        String database = PostgresServers.uniqueName("sql_ascii");
        server.execute("postgres", "CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'SQL_ASCII' "
                + "LC_COLLATE 'C' LC_CTYPE 'C'");
        server.execute(database, "CREATE TABLE menu (dish text)", "INSERT INTO menu VALUES (E'caf\\xe9 au lait')");

        InMemoryParts parts = new InMemoryParts();
        assertThatThrownBy(() -> new PostgresEngine().backup(new BackupJob(
                DatabaseLocation.parse(server.url(database)), Map.of(), parts, RoundTripTest.noScratch(),
                Progress.NONE)))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("holds text that has no UTF-8 form")
                .hasMessageContaining("0xe9");
    }
}
