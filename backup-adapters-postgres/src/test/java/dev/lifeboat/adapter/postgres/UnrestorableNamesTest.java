package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.Progress;
import org.junit.jupiter.api.Test;

/**
 * Names an archive could not bring back are refused at backup time, before anything is written: a backup reported
 * as a success must restore. Both were written, reported as a success and verified, and then failed every restore.
 */
class UnrestorableNamesTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void two_tables_sharing_one_fingerprint_name_are_refused_naming_both() throws Exception {
        String database = server.createDatabase("dotted");
        server.execute(database, "CREATE SCHEMA \"public.a\"", "CREATE TABLE \"public.a\".b (v text)",
                "CREATE TABLE public.\"a.b\" (v text)", "INSERT INTO public.\"a.b\" VALUES ('x'), ('y')");

        InMemoryParts parts = new InMemoryParts();
        assertThatThrownBy(() -> backup(database, parts))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("\"public.a\".\"b\"")
                .hasMessageContaining("\"public\".\"a.b\"")
                .hasMessageContaining("Nothing was written");
        assertThat(parts.parts()).isEmpty();
    }

    @Test
    void a_line_break_in_a_column_name_is_refused() throws Exception {
        String database = server.createDatabase("broken_lines");
        server.execute(database, "CREATE TABLE normal (id integer, \"multi\nline\" text)",
                "INSERT INTO normal VALUES (1, 'x')");

        InMemoryParts parts = new InMemoryParts();
        assertThatThrownBy(() -> backup(database, parts))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("\"public\".\"normal\" has a line break");
        assertThat(parts.parts()).isEmpty();
    }

    private void backup(String database, InMemoryParts parts) {
        engine.backup(new BackupJob(DatabaseLocation.parse(server.url(database)), java.util.Map.of(), parts,
                RoundTripTest.noScratch(), Progress.NONE));
    }
}
