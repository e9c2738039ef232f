package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema-version guard, through the jar: a backup records the schema version (SQLite {@code user_version}, the
 * newest successful Flyway migration, the newest Liquibase changeset, in their tools' own history tables),
 * {@code restore --max-schema-version} (or {@code max-schema-version} in lifeboat.toml) refuses a newer one with
 * exit 8 and changes nothing, and a restore over data of another version names both before it replaces anything.
 * The versions are read back with sqlite3, tar and SQL, not with lifeboat.
 */
class SchemaVersionGuardIT {

    /** Flyway's history table on PostgreSQL, as Flyway creates it (createMetaDataTable.sql). */
    private static final String FLYWAY_TABLE = """
            CREATE TABLE "flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INTEGER,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
                "execution_time" INTEGER NOT NULL,
                "success" BOOLEAN NOT NULL
            );
            ALTER TABLE "flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
            CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
            """;

    /** Liquibase's changelog table on PostgreSQL, as Liquibase creates it. */
    private static final String LIQUIBASE_TABLE = """
            CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,
                FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL,
                ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35),
                DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20),
                CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10));
            CREATE TABLE public.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL,
                LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255),
                CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (ID));
            """;

    @TempDir
    Path work;

    private final TestServer server = PostgresServers.newest();

    @Test
    void sqlite_a_newer_user_version_is_refused_and_a_different_one_is_named_before_the_restore() throws IOException {
        Path app = work.resolve("app.db");
        SqliteDatabases.execute(app, """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note (body) VALUES ('from version 7');
                PRAGMA user_version = 7;
                """);
        Path archive = backup("app.db");
        assertThat(recordedSchemaVersion(archive).get("user_version").asText()).isEqualTo("7");

        // the application went back to version 6 and its database with it
        SqliteDatabases.execute(app, """
                DELETE FROM note;
                INSERT INTO note (body) VALUES ('from version 6');
                PRAGMA user_version = 6;
                """);
        assertThat(SqliteDatabases.sqlite3(app, "PRAGMA user_version").trim()).isEqualTo("6");
        String before = DirectorySnapshot.sha256(app);

        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", "latest:app", "app.db", "--repo", "backups", "--overwrite",
                "--yes", "--max-schema-version", "6");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(8);
        assertThat(refused.errorLine()).contains("user_version 7", "newer than 6");
        assertThat(DirectorySnapshot.sha256(app)).as("the target after the refusal").isEqualTo(before);
        assertThat(archives()).as("no pre-restore backup was taken").hasSize(1);

        LifeboatProcess.Result dryRun = LifeboatProcess.run(work, "restore", "latest:app", "app.db", "--repo", "backups", "--overwrite",
                "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout()).contains("backup user_version 7, target user_version 6 (differs)");

        LifeboatProcess.Result restored = LifeboatProcess.run(work, "restore", "latest:app", "app.db", "--repo", "backups", "--overwrite",
                "--yes", "--max-schema-version", "7.0");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.stderr()).contains("warning: the schema version differs: the backup has user_version 7,"
                + " app.db has user_version 6");
        assertThat(SqliteDatabases.sqlite3(app, "PRAGMA user_version").trim()).isEqualTo("7");
        assertThat(SqliteDatabases.sqlite3(app, "SELECT body FROM note").trim()).isEqualTo("from version 7");

        // the same version: nothing to say
        LifeboatProcess.Result same = LifeboatProcess.run(work, "restore", "latest:app", "app.db", "--repo", "backups", "--overwrite",
                "--yes");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.stderr()).doesNotContain("schema version");
    }

    @Test
    void sqlite_the_limit_in_lifeboat_toml_applies_to_that_database_and_the_option_overrides_it() throws IOException {
        SqliteDatabases.execute(work.resolve("shop.db"), """
                CREATE TABLE item (name TEXT);
                PRAGMA user_version = 12;
                """);
        Files.writeString(work.resolve("lifeboat.toml"), """
                repository = "backups"

                [databases.shop]
                location = "shop.db"
                max-schema-version = 11
                """);
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "shop");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        LifeboatProcess.Result shown = LifeboatProcess.run(work, "config", "check");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.stdout()).containsPattern("maxSchemaVersion +11 +\\(.*lifeboat.toml:5: "
                + "databases.shop.max-schema-version\\)");

        LifeboatProcess.Result latest = LifeboatProcess.run(work, "restore", "latest:shop", "copy.db");
        assertThat(latest.exitCode()).as(latest.toString()).isEqualTo(8);
        assertThat(latest.errorLine()).contains("user_version 12", "newer than 11");
        String archive = archives().get(0).getFileName().toString();
        LifeboatProcess.Result named = LifeboatProcess.run(work, "restore", archive, "copy.db");
        assertThat(named.exitCode()).as(named.toString()).isEqualTo(8);
        assertThat(work.resolve("copy.db")).doesNotExist();

        LifeboatProcess.Result overridden = LifeboatProcess.run(work, "restore", "latest:shop", "copy.db",
                "--max-schema-version", "12");
        assertThat(overridden.exitCode()).as(overridden.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(work.resolve("copy.db"), "PRAGMA user_version").trim()).isEqualTo("12");

        Files.writeString(work.resolve("lifeboat.toml"), """
                [databases.shop]
                location = "shop.db"
                max-schema-version = "1.x"
                """);
        LifeboatProcess.Result check = LifeboatProcess.run(work, "config", "check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
        assertThat(check.stderr()).contains("lifeboat.toml:3", "max-schema-version", "'1.x'");
    }

    @Test
    void postgresql_flyway_the_newest_successful_migration_is_the_version() throws Exception {
        String source = server.createDatabase("lb_it_flyway");
        server.runScript(source, FLYWAY_TABLE + """
                CREATE TABLE public.orders (id int PRIMARY KEY, total int);
                INSERT INTO public.orders VALUES (1, 10), (2, 20);
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                        installed_by, execution_time, success) VALUES
                    (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'app', 5, true),
                    (2, '1.9', 'orders', 'SQL', 'V1_9__orders.sql', 2, 'app', 5, true),
                    (3, '1.10', 'totals', 'SQL', 'V1_10__totals.sql', 3, 'app', 5, true),
                    (4, NULL, 'refresh views', 'SQL', 'R__views.sql', 4, 'app', 5, true),
                    (5, '2', 'broken', 'SQL', 'V2__broken.sql', 5, 'app', 5, false);
                """);
        Path archive = backup(server.url(source));
        assertThat(recordedSchemaVersion(archive).get("flyway").asText()).isEqualTo("1.10 totals");

        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", archive.toString(),
                server.url(PostgresServers.uniqueName("lb_it_flyway_new")), "--max-schema-version", "1.9");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(8);
        assertThat(refused.errorLine()).contains("flyway 1.10", "newer than 1.9");

        // the target moved on to 1.11: the restore says so, and --dry-run too
        String target = server.createDatabase("lb_it_flyway_target");
        server.runScript(target, FLYWAY_TABLE + """
                CREATE TABLE public.orders (id int PRIMARY KEY, total int);
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                        installed_by, execution_time, success) VALUES
                    (1, '1.11', 'newer', 'SQL', 'V1_11__newer.sql', 1, 'app', 5, true);
                """);
        LifeboatProcess.Result dryRun = LifeboatProcess.run(work, "restore", archive.toString(), server.url(target),
                "--overwrite", "--dry-run", "--json");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        JsonNode plan = Json.parse(dryRun.stdout()).get("schemaVersion");
        assertThat(plan.get("backup").asText()).isEqualTo("flyway 1.10");
        assertThat(plan.get("target").asText()).isEqualTo("flyway 1.11");
        assertThat(plan.get("differs").asBoolean()).isTrue();

        LifeboatProcess.Result restored = LifeboatProcess.run(work, "restore", archive.toString(), server.url(target),
                "--overwrite", "--yes", "--drop-previous", "--max-schema-version", "1.10");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.stderr()).contains("the schema version differs: the backup has flyway 1.10",
                "has flyway 1.11");
        assertThat(server.column(target, "SELECT version FROM flyway_schema_history WHERE success"
                + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")).containsExactly("1.10");
        assertThat(server.column(target, "SELECT count(*) FROM public.orders")).containsExactly("2");
    }

    @Test
    void postgresql_liquibase_numeric_ids_are_ordered_and_other_ids_cannot_pass_a_limit() throws Exception {
        String numbered = server.createDatabase("lb_it_liquibase");
        server.runScript(numbered, LIQUIBASE_TABLE + """
                INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE,
                        MD5SUM, DESCRIPTION, LIQUIBASE, DEPLOYMENT_ID) VALUES
                    ('2', 'jane', 'changelog.xml', now(), 1, 'EXECUTED', '9:aa', 'createTable', '4.29.2', '1'),
                    ('10', 'jane', 'changelog.xml', now(), 2, 'EXECUTED', '9:bb', 'addColumn', '4.29.2', '1');
                """);
        Path archive = backup(server.url(numbered));
        assertThat(recordedSchemaVersion(archive).get("liquibase").asText()).isEqualTo("10 by jane");
        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", archive.toString(),
                server.url(PostgresServers.uniqueName("lb_it_lq_new")), "--max-schema-version", "9");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(8);
        assertThat(refused.errorLine()).contains("liquibase 10", "newer than 9");
        String allowedTarget = PostgresServers.uniqueName("lb_it_lq_ok");
        LifeboatProcess.Result allowed = LifeboatProcess.run(work, "restore", archive.toString(),
                server.url(allowedTarget), "--max-schema-version", "10");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(server.column(allowedTarget, "SELECT id FROM public.databasechangelog ORDER BY orderexecuted"))
                .containsExactly("2", "10");

        String named = server.createDatabase("lb_it_liquibase_named");
        server.runScript(named, LIQUIBASE_TABLE + """
                INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)
                    VALUES ('create-users', 'jane', 'changelog.xml', now(), 1, 'EXECUTED');
                """);
        Path namedArchive = backup(server.url(named));
        LifeboatProcess.Result unordered = LifeboatProcess.run(work, "restore", namedArchive.toString(),
                server.url(PostgresServers.uniqueName("lb_it_lq_named")), "--max-schema-version", "100");
        assertThat(unordered.exitCode()).as(unordered.toString()).isEqualTo(8);
        assertThat(unordered.errorLine()).contains("liquibase create-users", "not a number");

        String plain = server.createDatabase("lb_it_no_migrations");
        server.execute(plain, "CREATE TABLE public.t (x int)");
        Path plainArchive = backup(server.url(plain));
        assertThat(recordedSchemaVersion(plainArchive).size()).isZero();
        LifeboatProcess.Result unknown = LifeboatProcess.run(work, "restore", plainArchive.toString(),
                server.url(PostgresServers.uniqueName("lb_it_plain")), "--max-schema-version", "1");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(8);
        assertThat(unknown.errorLine()).contains("records no schema version");
    }

    private Path backup(String database) {
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", database, "--json", "--repo",
                work.resolve("backups").toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("backups"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".lifeboat.tar")).toList();
        }
    }

    /** The manifest's {@code source.schemaVersion}, read with tar. */
    private static JsonNode recordedSchemaVersion(Path archive) {
        try {
            Process tar = new ProcessBuilder("tar", "-xOf", archive.toString(), "manifest.json").start();
            String manifest = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(tar.exitValue()).as("tar -xOf manifest.json").isZero();
            return Json.parse(manifest).get("source").get("schemaVersion");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
