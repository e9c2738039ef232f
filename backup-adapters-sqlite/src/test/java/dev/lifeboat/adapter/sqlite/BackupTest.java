package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.TableInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.PartSink;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    @TempDir
    Path scratchDirectory;

    @Test
    void describes_the_database_as_a_user_would_look_at_it() throws Exception {
        Path source = Fixtures.rich(directory.resolve("app.db"));

        DatabaseDescription description = engine.describe(DatabaseLocation.of("sqlite://" + source));

        assertThat(description.databaseName()).isEqualTo("app");
        assertThat(description.location()).isEqualTo(source.toString());
        assertThat(description.engineVersion()).startsWith("3.");
        assertThat(description.sizeBytes()).isEqualTo(Files.size(source));
        assertThat(description.schemaVersion()).containsEntry("user_version", "7").containsEntry("application_id", "1234");
        assertThat(description.properties()).containsEntry("page_size", "4096").containsEntry("encoding", "UTF-8")
                .containsEntry("journal_mode", "delete").containsKeys("page_count", "freelist_count", "auto_vacuum");
        assertThat(description.tables()).contains(new TableInfo("customers", 4), new TableInfo("tags", 2),
                new TableInfo("events", 3), new TableInfo("docs_fts_docsize", 2), new TableInfo("sqlite_sequence", 1));
        assertThat(description.tables()).extracting(TableInfo::name)
                .contains("docs_fts_data", "docs_fts_idx", "docs_fts_docsize", "docs_fts_config")
                .doesNotContain("docs_fts", "sqlite_stat1", "big_orders");
    }

    @Test
    void a_backup_leaves_the_source_as_it_was_and_the_scratch_space_empty() throws Exception {
        Path source = Fixtures.rich(directory.resolve("app.db"));
        String before = Sqlite.sha256(source);

        EngineBackup backup = backup(source, new InMemoryParts(), Progress.NONE);

        assertThat(Sqlite.sha256(source)).isEqualTo(before);
        assertThat(Sqlite.names(directory)).containsExactly("app.db");
        assertThat(Sqlite.names(scratchDirectory)).isEmpty();
        assertThat(backup.description().databaseName()).isEqualTo("app");
        assertThat(backup.description().location()).isEqualTo(source.toString());
        assertThat(backup.description().tables()).isEqualTo(engine.describe(DatabaseLocation.of(source.toString()))
                .tables());
    }

    @Test
    void a_failing_archive_fails_the_backup_and_leaves_the_scratch_space_empty() throws Exception {
        Path source = Fixtures.rich(directory.resolve("app.db"));
        PartSink full = (name, role) -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        assertThatThrownBy(() -> backup(source, full, Progress.NONE))
                .hasMessageContaining("the disk is full");
        assertThat(Sqlite.names(scratchDirectory)).isEmpty();
    }

    @Test
    void the_summary_counts_the_snapshot_beside_the_archive() throws Exception {
        Path source = Fixtures.rich(directory.resolve("app.db"));

        DatabaseSummary summary = engine.summarize(DatabaseLocation.of(source.toString()));

        assertThat(summary.databaseName()).isEqualTo("app");
        assertThat(summary.sizeBytes()).isEqualTo(Files.size(source));
        assertThat(summary.scratchBytes()).isEqualTo(Files.size(source));
        assertThat(summary.requiredBytes()).isEqualTo(2 * Files.size(source));
    }

    @Test
    void a_snapshot_copied_by_the_backup_api_is_gone_before_the_part_is_completed() throws Exception {
        Path source = Fixtures.rich(directory.resolve("app.db"));
        InMemoryParts parts = new InMemoryParts();
        List<List<String>> scratchAtCompletion = new CopyOnWriteArrayList<>();
        // completing a part is where an archive copies it out of its spool: the snapshot must not need room then
        PartSink watching = (name, role) -> new FilterOutputStream(parts.open(name, role)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                scratchAtCompletion.add(Sqlite.names(scratchDirectory));
                super.close();
            }
        };

        EngineBackup backup = backupThroughTheBackupApi(source, watching, Progress.NONE);

        assertThat(backup.description().properties()).containsEntry("snapshot", "backup-api");
        assertThat(scratchAtCompletion).containsExactly(List.of());
        assertThat(parts.parts()).extracting(part -> part.name()).containsExactly("database.sqlite");
        assertThat(backup.fingerprint()).isEqualTo(engine.fingerprint(DatabaseLocation.of(source.toString()),
                Progress.NONE));
    }

    @Test
    void progress_is_reported_in_pages_while_the_backup_api_copies_and_in_bytes_while_writing() throws Exception {
        // 1024-byte pages and some 12 MB: several backup steps of 4096 pages
        Path source = Sqlite.execute(directory.resolve("big.db"), "PRAGMA page_size = 1024",
                "CREATE TABLE blobs(data BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " INSERT INTO blobs SELECT randomblob(4000) FROM n");
        long pages = Files.size(source) / 1024;
        Map<String, List<Long>> updates = new ConcurrentHashMap<>();
        Map<String, Long> totals = new ConcurrentHashMap<>();
        Progress recording = (activity, total, unit) -> {
            totals.put(activity + " " + unit, total);
            List<Long> seen = updates.computeIfAbsent(activity + " " + unit, key -> new CopyOnWriteArrayList<>());
            return seen::add;
        };

        backupThroughTheBackupApi(source, new InMemoryParts(), recording);

        assertThat(totals).containsEntry("copying pages " + ProgressUnit.PAGES, pages)
                .containsEntry("writing database.sqlite " + ProgressUnit.BYTES, Files.size(source));
        assertThat(updates.get("copying pages PAGES")).hasSizeGreaterThanOrEqualTo(3).isSorted().endsWith(pages);
        assertThat(updates.get("writing database.sqlite BYTES")).isSorted().endsWith(Files.size(source));
    }

    @Test
    void a_missing_source_is_unavailable_and_is_not_created() throws Exception {
        Path missing = directory.resolve("missing.db");
        DatabaseLocation location = DatabaseLocation.of("sqlite:" + missing);

        assertThatThrownBy(() -> engine.describe(location)).isInstanceOf(UnavailableException.class)
                .hasMessage("no such file: " + missing);
        assertThatThrownBy(() -> backup(missing, new InMemoryParts(), Progress.NONE))
                .isInstanceOf(UnavailableException.class).hasMessage("no such file: " + missing);
        assertThatThrownBy(() -> engine.fingerprint(location, Progress.NONE)).isInstanceOf(UnavailableException.class);
        assertThat(missing).doesNotExist();
        assertThat(Sqlite.names(scratchDirectory)).isEmpty();
    }

    /**
     * A writer killed in the middle of a transaction leaves a hot journal that only a writing connection rolls back:
     * the source is left alone, and the message says what to do instead of blaming permissions.
     */
    @Test
    void a_hot_rollback_journal_beside_the_source_says_how_to_roll_it_back() throws Exception {
        Path source = Sqlite.execute(directory.resolve("crashed.db"), "CREATE TABLE t(a INTEGER PRIMARY KEY, b BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " INSERT INTO t(b) SELECT randomblob(300) FROM n");
        Process writer = new ProcessBuilder("sqlite3", source.toString(), "PRAGMA cache_size = 5", "BEGIN",
                "UPDATE t SET b = randomblob(300)", ".system kill -9 $PPID").redirectErrorStream(true).start();
        writer.getOutputStream().close();
        writer.getInputStream().readAllBytes();
        assertThat(writer.waitFor()).as("sqlite3 killed in its transaction").isEqualTo(137);
        Path journal = directory.resolve("crashed.db-journal");
        assertThat(journal).as("the hot journal").exists();
        String before = Sqlite.sha256(source);

        assertThatThrownBy(() -> backup(source, new InMemoryParts(), Progress.NONE))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("a hot rollback journal is beside")
                .hasMessageContaining("sqlite3 FILE 'PRAGMA user_version'");
        assertThat(Sqlite.sha256(source)).as("the source is never changed").isEqualTo(before);
        assertThat(journal).exists();
        assertThat(Sqlite.cli(source, "SELECT count(*) FROM t")).as("what sqlite3 then reads").isEqualTo("3000");
    }

    @Test
    void a_file_that_is_not_a_database_is_unavailable() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.db"), "just some text, long enough to have a header");
        Path corrupt = Fixtures.rich(directory.resolve("corrupt.db"));
        try (var file = java.nio.channels.FileChannel.open(corrupt, java.nio.file.StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[8192]), 4096);
        }

        assertThatThrownBy(() -> engine.describe(DatabaseLocation.of("sqlite:" + text)))
                .isInstanceOf(UnavailableException.class)
                .hasMessage(text + " is not a SQLite database: it does not start with the SQLite header");
        assertThatThrownBy(() -> engine.fingerprint(DatabaseLocation.of(corrupt.toString()), Progress.NONE))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("is not a database or is corrupt");
    }

    @Test
    void engine_options_are_refused_rather_than_ignored() throws Exception {
        Path source = Fixtures.rich(directory.resolve("app.db"));
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            assertThatThrownBy(() -> engine.backup(new BackupJob(DatabaseLocation.of(source.toString()),
                    Map.of("vacuum", "true"), new InMemoryParts(), scratch, Progress.NONE)))
                    .isInstanceOf(InvalidUsageException.class).hasMessageContaining("vacuum");
        }
    }

    @Test
    void the_archive_holds_one_database_file_part() throws Exception {
        InMemoryParts parts = new InMemoryParts();
        backup(Fixtures.rich(directory.resolve("app.db")), parts, Progress.NONE);

        assertThat(parts.parts()).singleElement().satisfies(part -> {
            assertThat(part.name()).isEqualTo("database.sqlite");
            assertThat(part.role()).isEqualTo(PartRole.DATABASE_FILE);
        });
        assertThat(new String(parts.bytes("database.sqlite"), 0, 15, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("SQLite format 3");
    }

    private EngineBackup backupThroughTheBackupApi(Path source, PartSink sink, Progress progress) {
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            DatabaseLocation location = DatabaseLocation.of(source.toString());
            return SnapshotBackup.run(new BackupJob(location, Map.of(), sink, scratch, progress),
                    SqliteLocation.require(location), SnapshotBackup.Route.BACKUP_API_ONLY,
                    PinnedSnapshot.Observer.NONE);
        }
    }

    private EngineBackup backup(Path source, PartSink sink, Progress progress) {
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            return engine.backup(new BackupJob(DatabaseLocation.of(source.toString()), Map.of(), sink, scratch,
                    progress));
        }
    }
}
