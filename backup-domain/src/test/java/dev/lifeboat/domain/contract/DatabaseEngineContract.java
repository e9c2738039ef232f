package dev.lifeboat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.EngineOptionType;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import dev.lifeboat.domain.spi.TargetState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every engine must do, whatever its database. An engine module extends this class and supplies a sample
 * database, a way to change it, and fresh restore targets; the tests then hold it to the same contract as every
 * other engine. Shipped in backup-domain's test-jar.
 */
public abstract class DatabaseEngineContract {

    @TempDir
    protected Path scratchDirectory;

    /** The engine under test. */
    protected abstract DatabaseEngine engine();

    /** A new database with at least two tables, one of them with rows. */
    protected abstract DatabaseLocation createSampleDatabase() throws Exception;

    /** Changes the value of one column in one row, leaving the row count alone. */
    protected abstract void changeOneValue(DatabaseLocation database) throws Exception;

    /** A location of this engine's kind where no database exists yet. */
    protected abstract DatabaseLocation newTargetLocation() throws Exception;

    @Test
    void id_is_a_lower_case_url_scheme() {
        assertThat(engine().id()).matches("[a-z][a-z0-9+.-]*");
        assertThat(engine().displayName()).isNotBlank();
        assertThat(engine().locationExamples()).isNotEmpty();
    }

    @Test
    void its_options_have_distinct_names_and_flags_and_a_lock_timeout_is_a_backup_duration() {
        List<EngineOption> options = engine().options();
        assertThat(options.stream().map(EngineOption::name)).doesNotHaveDuplicates();
        assertThat(options.stream().flatMap(option -> option.aliases().stream())).doesNotHaveDuplicates();
        options.stream().filter(option -> option.name().equals(DatabaseEngine.LOCK_TIMEOUT_OPTION))
                .forEach(option -> {
                    assertThat(option.type()).isEqualTo(EngineOptionType.DURATION);
                    assertThat(option.takenBy(EngineCommand.BACKUP)).isTrue();
                });
    }

    @Test
    void service_loader_finds_the_engine_by_its_id() {
        assertThat(ServiceLoader.load(DatabaseEngine.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found.id()).isEqualTo(engine().id());
                    assertThat(found.getClass()).isEqualTo(engine().getClass());
                });
    }

    @Test
    void recognizes_its_own_databases() throws Exception {
        assertThat(engine().recognize(createSampleDatabase())).isEqualTo(Recognition.recognized());
    }

    @Test
    void describes_tables_rows_and_size() throws Exception {
        DatabaseDescription description = engine().describe(createSampleDatabase());

        assertThat(description.engineId()).isEqualTo(engine().id());
        assertThat(description.engineVersion()).isNotBlank();
        assertThat(description.databaseName()).isNotBlank();
        assertThat(description.sizeBytes()).isPositive();
        assertThat(description.tables()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(description.totalRows()).isPositive();
        assertThat(description.location()).doesNotContain("password");
    }

    @Test
    void the_summary_gives_the_name_and_size_that_describe_gives() throws Exception {
        DatabaseLocation database = createSampleDatabase();
        DatabaseDescription description = engine().describe(database);

        DatabaseSummary summary = engine().summarize(database);

        assertThat(summary.databaseName()).isEqualTo(description.databaseName());
        assertThat(summary.sizeBytes()).isBetween(description.sizeBytes() - sizeDrift(),
                description.sizeBytes() + sizeDrift());
        assertThat(summary.requiredBytes()).isGreaterThanOrEqualTo(summary.sizeBytes());
    }

    /**
     * How much a database's size may change between two readings while nothing writes to it: nothing for a file,
     * a few pages for a server whose background work (vacuum, statistics) goes on.
     */
    protected long sizeDrift() {
        return 0;
    }

    @Test
    void the_schema_version_is_what_describe_and_the_backup_record() throws Exception {
        DatabaseLocation database = createSampleDatabase();
        assertThat(engine().schemaVersion(database)).isEqualTo(engine().describe(database).schemaVersion());
    }

    /** The name check --all finds a configured database's backups by is the one its backups are filed under. */
    @Test
    void the_database_name_from_the_location_alone_is_the_one_describe_gives() throws Exception {
        DatabaseLocation database = createSampleDatabase();
        engine().databaseName(database).ifPresent(name ->
                assertThat(name).isEqualTo(engine().describe(database).databaseName()));
    }

    @Test
    void describing_a_database_that_is_not_there_is_unavailable() throws Exception {
        DatabaseLocation missing = newTargetLocation();
        assertThatThrownBy(() -> engine().describe(missing)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> engine().summarize(missing)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void backup_fingerprint_matches_the_live_database_and_describe() throws Exception {
        DatabaseLocation source = createSampleDatabase();
        BackedUp backup = backup(source);

        assertThat(backup.result().fingerprint()).isEqualTo(engine().fingerprint(source, Progress.NONE));
        assertThat(backup.parts().parts()).isNotEmpty();
        Map<String, Long> describedRows = new TreeMap<>();
        engine().describe(source).tables().forEach(table -> describedRows.put(table.name(), table.rows()));
        Map<String, Long> fingerprintRows = new TreeMap<>();
        backup.result().fingerprint().tables().forEach((name, table) -> fingerprintRows.put(name, table.rows()));
        assertThat(fingerprintRows).containsAllEntriesOf(describedRows);
    }

    @Test
    void fingerprint_changes_when_one_value_changes() throws Exception {
        DatabaseLocation source = createSampleDatabase();
        Fingerprint before = engine().fingerprint(source, Progress.NONE);

        changeOneValue(source);

        Fingerprint after = engine().fingerprint(source, Progress.NONE);
        assertThat(after.totalRows()).isEqualTo(before.totalRows());
        assertThat(before.differencesFrom(after)).hasSize(1).first().asString().contains("different contents");
    }

    @Test
    void restore_to_a_new_target_reproduces_the_fingerprint() throws Exception {
        DatabaseLocation source = createSampleDatabase();
        BackedUp backup = backup(source);
        DatabaseLocation target = newTargetLocation();
        assertThat(engine().probeTarget(target)).isEqualTo(TargetState.ABSENT);

        RestoreOutcome outcome = engine().restore(restoreJob(backup, backup.manifest(), target, false));

        assertThat(outcome.checks()).isNotEmpty();
        assertThat(engine().probeTarget(target)).isEqualTo(TargetState.OCCUPIED);
        assertThat(engine().fingerprint(target, Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void restore_refuses_an_occupied_target_unless_told_to_replace_it() throws Exception {
        DatabaseLocation source = createSampleDatabase();
        BackedUp backup = backup(source);
        DatabaseLocation occupied = createSampleDatabase();
        changeOneValue(occupied);
        Fingerprint before = engine().fingerprint(occupied, Progress.NONE);

        assertThatThrownBy(() -> engine().restore(restoreJob(backup, backup.manifest(), occupied, false)))
                .isInstanceOf(RefusedException.class);
        assertThat(engine().fingerprint(occupied, Progress.NONE)).isEqualTo(before);

        engine().restore(restoreJob(backup, backup.manifest(), occupied, true));
        assertThat(engine().fingerprint(occupied, Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void a_target_changed_since_its_safety_backup_is_not_replaced() throws Exception {
        BackedUp backup = backup(createSampleDatabase());
        DatabaseLocation occupied = createSampleDatabase();
        Fingerprint saved = engine().fingerprint(occupied, Progress.NONE);
        changeOneValue(occupied);
        Fingerprint written = engine().fingerprint(occupied, Progress.NONE);

        assertThatThrownBy(() -> engine().restore(new RestoreJob(backup.manifest(), backup.parts(), occupied, true,
                Optional.of(saved), Map.of(), Progress.NONE)))
                .isInstanceOf(LockedException.class).hasMessageContaining("changed");
        assertThat(engine().fingerprint(occupied, Progress.NONE)).isEqualTo(written);

        engine().restore(new RestoreJob(backup.manifest(), backup.parts(), occupied, true, Optional.of(written),
                Map.of(), Progress.NONE));
        assertThat(engine().fingerprint(occupied, Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void a_damaged_part_fails_the_restore_and_leaves_no_target() throws Exception {
        BackedUp backup = backup(createSampleDatabase());
        String part = backup.parts().parts().get(0).name();
        backup.parts().damage(part, backup.parts().bytes(part).length / 2);
        DatabaseLocation target = newTargetLocation();

        assertThatThrownBy(() -> engine().restore(restoreJob(backup, backup.manifest(), target, false)))
                .isInstanceOf(VerificationFailedException.class);
        assertThat(engine().probeTarget(target)).isEqualTo(TargetState.ABSENT);
    }

    @Test
    void a_fingerprint_mismatch_fails_the_restore_and_leaves_the_target_as_it_was() throws Exception {
        BackedUp backup = backup(createSampleDatabase());
        Manifest tampered = withFingerprint(backup.manifest(), oneRowMore(backup.result().fingerprint()));
        DatabaseLocation occupied = createSampleDatabase();
        changeOneValue(occupied);
        Fingerprint before = engine().fingerprint(occupied, Progress.NONE);

        assertThatThrownBy(() -> engine().restore(restoreJob(backup, tampered, occupied, true)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("rows");
        assertThat(engine().fingerprint(occupied, Progress.NONE)).isEqualTo(before);
    }

    @Test
    void restore_to_scratch_checks_a_good_backup_and_cleans_up() throws Exception {
        BackedUp backup = backup(createSampleDatabase());
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            RestoreOutcome outcome = engine().restoreToScratch(
                    new ScratchRestoreJob(backup.manifest(), backup.parts(), scratch, Map.of(), Progress.NONE));
            assertThat(outcome.checks()).isNotEmpty();
            assertThat(scratch.remaining()).isEmpty();
        }
    }

    @Test
    void restore_to_scratch_fails_on_a_fingerprint_mismatch() throws Exception {
        BackedUp backup = backup(createSampleDatabase());
        Manifest tampered = withFingerprint(backup.manifest(), oneRowMore(backup.result().fingerprint()));
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            assertThatThrownBy(() -> engine().restoreToScratch(
                    new ScratchRestoreJob(tampered, backup.parts(), scratch, Map.of(), Progress.NONE)))
                    .isInstanceOf(VerificationFailedException.class);
        }
    }

    @Test
    void failures_are_reported_as_lifeboat_errors() throws Exception {
        DatabaseLocation missing = newTargetLocation();
        assertThatThrownBy(() -> engine().fingerprint(missing, Progress.NONE)).isInstanceOf(LifeboatException.class);
    }

    /** A backup taken into memory, with the manifest a real backup would record. */
    protected record BackedUp(EngineBackup result, InMemoryParts parts, Manifest manifest) {
    }

    protected BackedUp backup(DatabaseLocation source) {
        InMemoryParts parts = new InMemoryParts();
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            EngineBackup result = engine().backup(new BackupJob(source, Map.of(), parts, scratch, Progress.NONE));
            assertThat(scratch.remaining()).as("scratch files the engine left behind").isEmpty();
            Manifest manifest = new Manifest(1, "contract-test", Instant.parse("2026-01-01T00:00:00Z"), engine().id(),
                    result.description().engineVersion(), SourceInfo.from(result.description()), Optional.empty(),
                    result.fingerprint(), new TreeMap<>(), parts.parts(), result.warnings());
            return new BackedUp(result, parts, manifest);
        }
    }

    protected RestoreJob restoreJob(BackedUp backup, Manifest manifest, DatabaseLocation target, boolean replace) {
        return new RestoreJob(manifest, backup.parts(), target, replace, Optional.empty(), Map.of(), Progress.NONE);
    }

    private static Manifest withFingerprint(Manifest manifest, Fingerprint fingerprint) {
        return new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(), manifest.engineId(),
                manifest.engineVersion(), manifest.source(), manifest.label(), fingerprint, manifest.options(),
                manifest.parts(), manifest.warnings());
    }

    private static Fingerprint oneRowMore(Fingerprint fingerprint) {
        Map<String, TableFingerprint> tables = new TreeMap<>(fingerprint.tables());
        Map.Entry<String, TableFingerprint> first = tables.entrySet().iterator().next();
        tables.put(first.getKey(), new TableFingerprint(first.getValue().rows() + 1, first.getValue().hash()));
        return Fingerprint.of(fingerprint.algorithm(), fingerprint.schemaHash(), fingerprint.attributes(), tables);
    }
}
