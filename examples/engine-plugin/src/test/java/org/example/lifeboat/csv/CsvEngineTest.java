package org.example.lifeboat.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RestoreJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is the CSV engine's own besides the contract: its locations, what it leaves out, and what it leaves behind. */
class CsvEngineTest {

    @TempDir
    Path directory;

    private final CsvEngine engine = new CsvEngine();

    @Test
    void only_csv_locations_are_its_own_and_a_missing_directory_is_unusable_with_the_reason() {
        assertThat(engine.recognize(DatabaseLocation.of(directory.resolve("app.db").toString())))
                .isEqualTo(Recognition.notRecognized());
        assertThat(engine.recognize(DatabaseLocation.of("csv://" + directory))).isEqualTo(Recognition.recognized());
        assertThat(engine.recognize(DatabaseLocation.of("csv:" + directory.resolve("missing"))))
                .isEqualTo(Recognition.unusable("no directory at " + directory.resolve("missing")
                        + " (csv: names a directory of .csv files)"));
        assertThatThrownBy(() -> engine.recognize(DatabaseLocation.of("csv:"))).isInstanceOf(InvalidUsageException.class);
    }

    @Test
    void a_backup_names_what_it_leaves_out() throws IOException {
        Path shop = shop();
        Files.writeString(shop.resolve("notes.txt"), "not a table");

        EngineBackup backup = backup(shop, new InMemoryParts());

        assertThat(backup.warnings()).containsExactly(shop.resolve("notes.txt")
                + " is no table (only *.csv files are) and is not in the backup");
        assertThat(backup.description().tables()).hasSize(2);
    }

    @Test
    void a_table_that_is_not_csv_fails_the_backup_with_the_file_and_line() throws IOException {
        Path shop = shop();
        Files.writeString(shop.resolve("broken.csv"), "id,name\n1,\"never closed\n");

        assertThatThrownBy(() -> backup(shop, new InMemoryParts())).isInstanceOf(UnavailableException.class)
                .hasMessage(shop.resolve("broken.csv") + " is not valid CSV: the quoted field opened on line 2 is"
                        + " never closed");
    }

    @Test
    void a_failed_restore_leaves_nothing_beside_the_target() throws IOException {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(shop(), parts);
        parts.damage("tables/orders.csv", 3);
        Path targets = Files.createDirectory(directory.resolve("targets"));
        Manifest manifest = new Manifest(1, "test", Instant.parse("2026-01-01T00:00:00Z"), engine.id(), "RFC 4180",
                SourceInfo.from(backup.description()), Optional.empty(), backup.fingerprint(), new TreeMap<>(),
                parts.parts(), backup.warnings());

        assertThatThrownBy(() -> engine.restore(new RestoreJob(manifest, parts,
                DatabaseLocation.of("csv:" + targets.resolve("restored")), false, Optional.empty(), Map.of(),
                Progress.NONE))).isInstanceOf(VerificationFailedException.class);

        try (Stream<Path> left = Files.list(targets)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void restored_tables_are_private_to_their_owner() throws IOException {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(shop(), parts);
        Manifest manifest = new Manifest(1, "test", Instant.parse("2026-01-01T00:00:00Z"), engine.id(), "RFC 4180",
                SourceInfo.from(backup.description()), Optional.empty(), backup.fingerprint(), new TreeMap<>(),
                parts.parts(), backup.warnings());
        Path target = directory.resolve("restored");

        engine.restore(new RestoreJob(manifest, parts, DatabaseLocation.of("csv:" + target), false, Optional.empty(),
                Map.of(), Progress.NONE));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("orders.csv"))))
                .isEqualTo("rw-------");
    }

    private Path shop() throws IOException {
        Path shop = Files.createDirectories(directory.resolve("shop"));
        Files.writeString(shop.resolve("customers.csv"), "id,name\n1,Anna\n2,Bo\n");
        Files.writeString(shop.resolve("orders.csv"), "id,customer,total\n1,1,9.50\n2,2,3.25\n");
        return shop;
    }

    private EngineBackup backup(Path database, InMemoryParts parts) {
        try (DirectoryScratch scratch = new DirectoryScratch(Files.createDirectories(directory.resolve("scratch")))) {
            return engine.backup(new BackupJob(DatabaseLocation.of("csv:" + database), Map.of(), parts, scratch,
                    Progress.NONE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
