package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.TestSchemas;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL database backed up with the real command line comes back table for table: into a new database,
 * over an existing one only when asked (keeping what it replaced unless told to drop it), and from the oldest
 * supported server into the newest.
 */
class PostgresRoundTripIT {

    @TempDir
    Path work;

    @Test
    void backup_list_verify_and_restore_into_a_new_then_an_occupied_database() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lb_it_round_trip");
        TestSchemas.loadEverything(server, source);
        SortedMap<String, String> original = PostgresDatabases.content(server, source);

        String archive = backup(server.url(source));

        LifeboatProcess.Result list = LifeboatProcess.run(work, "list", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(Json.parse(list.stdout()).get("backups")).singleElement().satisfies(listed -> {
            assertThat(listed.get("name").asText()).isEqualTo(archive);
            assertThat(listed.get("database").asText()).isEqualTo(source);
            assertThat(listed.get("engine").asText()).isEqualTo("postgresql");
            assertThat(listed.get("tables").asInt()).isPositive();
        });
        LifeboatProcess.Result listText = LifeboatProcess.run(work, "list");
        assertThat(listText.stdout()).contains(archive);

        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", "--deep", archive);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        String target = PostgresServers.uniqueName("lb_it_restored");
        assertThat(PostgresDatabases.databaseExists(server, target)).isFalse();
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", archive, server.url(target));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(PostgresDatabases.databaseExists(server, target)).isTrue();
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(original);

        server.execute(target, "CREATE TABLE public.marker (note text)", "INSERT INTO public.marker VALUES ('mine')");
        SortedMap<String, String> occupied = PostgresDatabases.content(server, target);
        List<String> databasesBefore = PostgresDatabases.databasesStartingWith(server, target);
        List<String> archivesBefore = PostgresDatabases.archives(work.resolve("backups"));

        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", archive, server.url(target));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.errorLine()).contains(target).contains("--overwrite");
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(occupied);
        assertThat(PostgresDatabases.databasesStartingWith(server, target)).isEqualTo(databasesBefore);
        assertThat(PostgresDatabases.archives(work.resolve("backups"))).isEqualTo(archivesBefore);

        LifeboatProcess.Result overwrite = LifeboatProcess.run(work, "restore", archive, server.url(target),
                "--overwrite", "--yes");
        assertThat(overwrite.exitCode()).as(overwrite.toString()).isZero();
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(original);
        List<String> kept = PostgresDatabases.databasesStartingWith(server, target + "_before_restore_");
        assertThat(kept).as("the database the restore replaced, kept").hasSize(1);
        assertThat(PostgresDatabases.content(server, kept.get(0))).isEqualTo(occupied);
        assertThat(PostgresDatabases.databaseExists(server, target + "_lifeboat_restore")).isFalse();
        assertThat(PostgresDatabases.archives(work.resolve("backups")))
                .as("the replaced contents were backed up first").hasSize(archivesBefore.size() + 1);

        server.execute(target, "CREATE TABLE public.marker (note text)", "INSERT INTO public.marker VALUES ('again')");
        LifeboatProcess.Result dropPrevious = LifeboatProcess.run(work, "restore", archive, server.url(target),
                "--overwrite", "--yes", "--drop-previous");
        assertThat(dropPrevious.exitCode()).as(dropPrevious.toString()).isZero();
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(original);
        assertThat(PostgresDatabases.databasesStartingWith(server, target + "_before_restore_"))
                .as("only the one the earlier restore kept").isEqualTo(kept);
        assertThat(PostgresDatabases.databaseExists(server, target + "_lifeboat_restore")).isFalse();
    }

    @Test
    void a_backup_from_the_oldest_server_restores_into_the_newest() throws Exception {
        TestServer oldest = PostgresServers.oldest();
        TestServer newest = PostgresServers.newest();
        assertThat(oldest.majorVersion()).isLessThan(newest.majorVersion());
        String source = oldest.createDatabase("lb_it_from_oldest");
        TestSchemas.loadEverything(oldest, source);

        String archive = backup(oldest.url(source));
        String target = PostgresServers.uniqueName("lb_it_into_newest");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", archive, newest.url(target));

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(PostgresDatabases.content(newest, target)).isEqualTo(PostgresDatabases.content(oldest, source));
    }

    private String backup(String location) {
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", location, "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        JsonNode document = Json.parse(backup.stdout());
        assertThat(document.get("warnings")).as("warnings").isEmpty();
        return document.get("archive").get("name").asText();
    }
}
