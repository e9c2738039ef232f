package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A schema may use a collation or a function that only its application defines (Android's LOCALIZED collation, an
 * index on an application's function). lifeboat's SQLite cannot run its integrity check on such a file, so every
 * restore of a backup that exited 0 refused it. The tables are proven by the fingerprint, the file is the archived
 * one byte for byte: the restore goes on, saying the indexes were not checked.
 */
class ApplicationCollationTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"COLLATE app_order", "app_key(b)"})
    void a_backup_whose_schema_uses_what_only_the_application_defines_restores_with_a_warning(String use)
            throws Exception {
        boolean collation = use.startsWith("COLLATE");
        Path source = Sqlite.execute(directory.resolve("source.db"),
                "CREATE TABLE t(id INTEGER PRIMARY KEY, b TEXT" + (collation ? " COLLATE NOCASE" : "") + ")",
                "CREATE INDEX t_b ON t(" + (collation ? "b" : "lower(b)") + ")",
                "INSERT INTO t(b) VALUES ('b'), ('A'), ('c')",
                // as the application made it: with its own collation or function, which SQLite here lacks
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_schema SET sql = replace(replace(sql, 'COLLATE NOCASE', '" + use + "'), 'lower(b)', '"
                        + use + "')");
        BackedUp backup = BackedUp.of(source, directory);
        Path target = Files.createDirectory(directory.resolve("restored")).resolve("target.db");

        RestoreOutcome restored = engine.restore(backup.restoreTo(target, false));
        RestoreOutcome verified;
        try (DirectoryScratch scratch = new DirectoryScratch(Files.createDirectory(directory.resolve("scratch")))) {
            verified = engine.restoreToScratch(new ScratchRestoreJob(backup.manifest(), backup.parts(), scratch,
                    Map.of(), Progress.NONE));
        }

        assertThat(Sqlite.bytes(target)).as("the archived file").isEqualTo(backup.parts().bytes("database.sqlite"));
        assertThat(Sqlite.cli(target, ".sha3sum")).isEqualTo(Sqlite.cli(source, ".sha3sum"));
        String missing = collation ? "the collation app_order" : "the function app_key";
        for (RestoreOutcome outcome : List.of(restored, verified)) {
            assertThat(outcome.checks()).extracting(VerificationCheck::name)
                    .containsExactly("integrity_check", "fingerprint", "foreign keys");
            assertThat(outcome.checks().get(0).status()).isEqualTo(CheckStatus.WARNING);
            assertThat(outcome.checks().get(0).detail()).contains("not run", missing, "indexes were not checked");
            assertThat(outcome.checks().get(1).status()).isEqualTo(CheckStatus.PASSED);
            assertThat(outcome.warnings()).anySatisfy(warning -> assertThat(warning).contains(missing));
        }
    }
}
