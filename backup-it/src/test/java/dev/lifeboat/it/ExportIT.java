package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifeboat export} through the real jar: the script on stdout loads with sqlite3 into the same database,
 * {@code -o} files are private and appear only when whole, gzip and zstd output is read back by the JDK and by zstd,
 * bad input exits with the documented codes, an encrypted backup exports with its identity, a PostgreSQL backup
 * loads with psql, and a table far larger than the exporter's heap exports.
 */
class ExportIT {

    @TempDir
    Path work;

    @Test
    void the_script_on_stdout_loads_with_sqlite3_into_the_same_database() throws Exception {
        Path source = SqliteDatabases.featureComplete(work.resolve("feature.db"));
        assertThat(LifeboatProcess.run(work, "backup", "feature.db").exitCode()).isZero();

        LifeboatProcess.Result export = LifeboatProcess.run(work, "export", "latest:feature");

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.stderr()).isEmpty();
        Path script = Files.writeString(work.resolve("feature.sql"), export.stdout());
        Path loaded = sqlite3Load(script, work.resolve("loaded.db"));
        for (String check : List.of("PRAGMA user_version", "PRAGMA application_id", "PRAGMA page_size",
                "PRAGMA integrity_check", "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name", "SELECT rowid, * FROM item ORDER BY rowid",
                "SELECT hex(sha3_query('SELECT * FROM account ORDER BY id'))", "SELECT * FROM ledger",
                "SELECT rowid, * FROM journal", "SELECT rowid FROM note_search WHERE note_search MATCH 'fox' ORDER BY rowid",
                "SELECT * FROM sqlite_sequence")) {
            assertThat(SqliteDatabases.sqlite3(loaded, check)).as(check).isEqualTo(SqliteDatabases.sqlite3(source, check));
        }
    }

    @Test
    void an_output_file_is_private_and_gzip_and_zstd_read_back_as_the_plain_script() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("feature.db"));
        assertThat(LifeboatProcess.run(work, "backup", "feature.db").exitCode()).isZero();
        String plain = LifeboatProcess.run(work, "export", "latest").stdout();
        Files.createDirectories(work.resolve("out"));

        LifeboatProcess.Result gzip = LifeboatProcess.run(work, "export", "--gzip", "-o", "out/feature.sql.gz", "latest");
        LifeboatProcess.Result zstd = LifeboatProcess.run(work, "export", "--zstd", "-o", "out/feature.sql.zst", "latest");
        LifeboatProcess.Result file = LifeboatProcess.run(work, "export", "-o", "out/feature.sql", "--quiet", "latest");

        for (LifeboatProcess.Result result : List.of(gzip, zstd, file)) {
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).isEmpty();
        }
        assertThat(gzip.stderr()).startsWith("lifeboat: wrote the sqlite script of feature_").contains("out/feature.sql.gz");
        assertThat(file.stderr()).isEmpty();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(work.resolve("out/feature.sql.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
        assertThat(run(work, "zstd", "-q", "-d", "-c", "out/feature.sql.zst")).isEqualTo(plain);
        assertThat(Files.readString(work.resolve("out/feature.sql"))).isEqualTo(plain);
        try (var files = Files.list(work.resolve("out"))) {
            assertThat(files).hasSize(3).allSatisfy(path -> assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void bad_input_exits_with_its_code_and_leaves_no_file() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("feature.db"));
        assertThat(LifeboatProcess.run(work, "backup", "feature.db").exitCode()).isZero();
        Files.createDirectories(work.resolve("out"));

        LifeboatProcess.Result unknownTable = LifeboatProcess.run(work, "export", "--table", "nope", "-o",
                "out/x.sql", "latest");
        LifeboatProcess.Result both = LifeboatProcess.run(work, "export", "--gzip", "--zstd", "latest");
        LifeboatProcess.Result onlyBoth = LifeboatProcess.run(work, "export", "--data-only", "--schema-only", "latest");
        LifeboatProcess.Result noBackup = LifeboatProcess.run(work, "export", "latest:nothing");
        LifeboatProcess.Result noDirectory = LifeboatProcess.run(work, "export", "-o", "missing/x.sql", "latest");
        LifeboatProcess.Result jsonToStdout = LifeboatProcess.run(work, "export", "--json", "latest");

        assertThat(unknownTable.exitCode()).as(unknownTable.toString()).isEqualTo(2);
        assertThat(unknownTable.errorLine()).startsWith("lifeboat: no table nope in the backup; it has: account,");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errorLine()).contains("--gzip and --zstd exclude each other");
        assertThat(onlyBoth.exitCode()).isEqualTo(2);
        assertThat(noBackup.exitCode()).as(noBackup.toString()).isEqualTo(3);
        assertThat(noBackup.errorLine()).contains("no backup of nothing");
        assertThat(noDirectory.exitCode()).as(noDirectory.toString()).isEqualTo(3);
        assertThat(noDirectory.errorLine()).contains("does not exist");
        assertThat(jsonToStdout.exitCode()).isEqualTo(2);
        for (LifeboatProcess.Result result : List.of(unknownTable, both, onlyBoth, noBackup, noDirectory)) {
            assertThat(result.stdout()).as("nothing on stdout").isEmpty();
        }
        try (var files = Files.list(work.resolve("out"))) {
            assertThat(files).as("nothing left behind").isEmpty();
        }
    }

    @Test
    void a_damaged_archive_exits_6_and_leaves_neither_a_file_nor_a_scratch_copy() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("feature.db"));
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "feature.db", "--compression", "none",
                "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path archive = Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
        ArchiveSurgery.flipByte(archive, ArchiveSurgery.dataOffset(archive, "database.sqlite") + 5000);
        Files.createDirectories(work.resolve("out"));

        LifeboatProcess.Result export = LifeboatProcess.run(work, "export", "-o", "out/feature.sql", "latest");

        assertThat(export.exitCode()).as(export.toString()).isEqualTo(6);
        assertThat(export.errorLine()).contains("database.sqlite");
        try (var files = Files.list(work.resolve("out"))) {
            assertThat(files).as("no script, whole or partial").isEmpty();
        }
        try (var files = Files.list(work.resolve("backups"))) {
            assertThat(files.map(path -> path.getFileName().toString())).as("no scratch copy left")
                    .allMatch(name -> name.endsWith(".lifeboat.tar") || name.endsWith(".sha256")
                            || name.startsWith(".lifeboat.lock"));
        }
    }

    @Test
    void an_encrypted_backup_exports_with_its_identity_only() throws Exception {
        Path source = SqliteDatabases.featureComplete(work.resolve("feature.db"));
        LifeboatProcess.Result key = LifeboatProcess.run(work, "key", "generate", "-o", "key.txt");
        assertThat(key.exitCode()).as(key.toString()).isZero();
        assertThat(LifeboatProcess.run(work, "backup", "feature.db", "--encrypt-to", key.stdout().strip()).exitCode())
                .isZero();

        LifeboatProcess.Result without = LifeboatProcess.run(work, "export", "latest");
        LifeboatProcess.Result with = LifeboatProcess.run(work, "export", "--identity", "key.txt", "latest");

        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.errorLine()).contains("is encrypted", "--identity");
        assertThat(without.stdout()).isEmpty();
        assertThat(with.exitCode()).as(with.toString()).isZero();
        Path loaded = sqlite3Load(Files.writeString(work.resolve("feature.sql"), with.stdout()), work.resolve("l.db"));
        String hash = "SELECT hex(sha3_query('SELECT * FROM ledger'))";
        assertThat(SqliteDatabases.sqlite3(loaded, hash)).isEqualTo(SqliteDatabases.sqlite3(source, hash));
        try (var files = Files.list(work.resolve("backups"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no decrypted or scratch copy left").allMatch(name -> name.endsWith(".age")
                            || name.endsWith(".sha256") || name.startsWith(".lifeboat.lock"));
        }
    }

    @Test
    void a_postgresql_backup_loads_with_psql_into_an_empty_database() throws Exception {
        TestServer server = PostgresServers.server(PostgresServers.Version.PG15);
        String source = server.createDatabase("lb_it_export");
        server.execute(source, "CREATE TABLE public.film (id serial PRIMARY KEY, title text NOT NULL, meta jsonb)",
                "INSERT INTO public.film (title, meta) SELECT 'film ' || i, jsonb_build_object('n', i)"
                        + " FROM generate_series(1, 500) i",
                "CREATE INDEX film_title ON public.film (title)");
        assertThat(LifeboatProcess.run(work, "backup", server.url(source)).exitCode()).isZero();

        LifeboatProcess.Result export = LifeboatProcess.run(work, "export", "--no-owner", "--no-privileges",
                "--gzip", "-o", "shop.sql.gz", "latest");

        assertThat(export.exitCode()).as(export.toString()).isZero();
        run(work, "gzip", "-d", "shop.sql.gz");
        String target = server.createDatabase("lb_it_exported");
        run(work, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-h", server.host(), "-p",
                Integer.toString(server.port()), "-U", server.superuser(), "-d", target, "-f", "shop.sql");
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(PostgresDatabases.content(server, source));
        assertThat(PostgresDatabases.queryLong(server, target, "SELECT nextval('public.film_id_seq')")).isEqualTo(501);
    }

    /**
     * A table of 96 MiB of random blobs exported by a JVM with 24 MiB of heap: only a stream can do it. The script,
     * zstd-compressed, loads with sqlite3 into the same rows.
     */
    @Test
    void a_table_larger_than_the_heap_exports_in_bounded_memory() throws Exception {
        Path source = bigDatabase();
        List<String> command = new ArrayList<>(LifeboatJvm.command());
        command.replaceAll(argument -> argument.startsWith("-Xmx") ? "-Xmx24m" : argument);
        assertThat(command).contains("-Xmx24m");
        command.addAll(List.of("export", "--zstd", "-o", "big.sql.zst", "--quiet", "latest"));

        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Path loaded = work.resolve("loaded.db");
        Process load = new ProcessBuilder("sh", "-c", "zstd -q -d -c big.sql.zst | sqlite3 -bail loaded.db")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String loadOutput = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(load.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(load.exitValue()).as(loadOutput).isZero();
        String hash = "SELECT (SELECT count(*) FROM big), hex(sha3_query('SELECT * FROM big'))";
        assertThat(SqliteDatabases.sqlite3(loaded, hash)).isEqualTo(SqliteDatabases.sqlite3(source, hash))
                .startsWith("24576|");
    }

    @Test
    void an_interrupted_export_exits_130_and_leaves_no_file() throws Exception {
        bigDatabase();
        Path out = Files.createDirectories(work.resolve("out"));
        for (String signal : List.of("INT", "TERM")) {
            Process export = LifeboatProcess.start(work, Map.of(), "export", "-o", "out/big.sql", "latest");
            // signalled once the temporary file is there: the archive is being unpacked into scratch space, then the
            // rows are written (which, on an idle machine, takes less than the time a kill takes to start)
            while (export.isAlive() && !started(out)) {
                Thread.sleep(10);
            }
            assertThat(export.isAlive()).as("the export still runs when signalled").isTrue();
            run(work, "kill", "-" + signal, Long.toString(export.pid()));

            assertThat(export.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(export.exitValue()).as("SIG" + signal).isEqualTo(130);
            try (var files = Files.list(out)) {
                assertThat(files).as("nothing left after SIG" + signal).isEmpty();
            }
        }
    }

    private static boolean started(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".partial"));
        }
    }

    /** A table of 96 MiB of random blobs, backed up. */
    private Path bigDatabase() {
        Path source = work.resolve("big.db");
        SqliteDatabases.sqlite3(source, "CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB);"
                + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24576)"
                + " INSERT INTO big SELECT i, randomblob(4096) FROM n;");
        assertThat(LifeboatProcess.run(work, "backup", "big.db").exitCode()).isZero();
        return source;
    }

    private static Path sqlite3Load(Path script, Path database) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sqlite3", "-bail", "-batch", "-cmd", ".dbconfig defensive on",
                database.toString()).redirectInput(script.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("defensive on");
        return database;
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

}
