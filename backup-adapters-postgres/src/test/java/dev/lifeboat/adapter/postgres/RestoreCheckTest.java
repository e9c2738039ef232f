package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A restore that does not match its backup says how its schema differs; a damaged description is refused before
 * anything is loaded; an archive of an older lifeboat restores.
 */
class RestoreCheckTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_schema_mismatch_names_the_facts_only_the_backup_has() throws Exception {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backupOf(parts);
        String claimed = new String(parts.bytes(ArchiveLayout.DESCRIPTION), StandardCharsets.UTF_8)
                + "relation shop.lost kind r that only the backup had\n";
        InMemoryParts altered = copyWithDescription(parts, Optional.of(claimed));
        Fingerprint fingerprint = backup.fingerprint();
        Manifest manifest = manifest(backup, altered, new Fingerprint(fingerprint.algorithm(), Sha256.hex(claimed),
                fingerprint.attributes(), fingerprint.tables()));

        assertThatThrownBy(() -> restore(manifest, altered))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("schema differs (only in the backup: relation shop.lost kind r that only the "
                        + "backup had; only in the restore: nothing)");
    }

    @Test
    void a_schema_mismatch_never_shows_the_hash_of_a_secret() throws Exception {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backupOf(parts);
        String hash = Sha256.hex("pw").substring(0, 32);
        String claimed = new String(parts.bytes(ArchiveLayout.DESCRIPTION), StandardCharsets.UTF_8)
                + "user mapping for app server remote options password=md5:" + hash + "\n";
        InMemoryParts altered = copyWithDescription(parts, Optional.of(claimed));
        Fingerprint fingerprint = backup.fingerprint();
        Manifest manifest = manifest(backup, altered, new Fingerprint(fingerprint.algorithm(), Sha256.hex(claimed),
                fingerprint.attributes(), fingerprint.tables()));

        assertThatThrownBy(() -> restore(manifest, altered))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("user mapping for app server remote options password=md5:(hidden)")
                .hasMessageNotContaining(hash);
    }

    @Test
    void an_archive_of_an_older_lifeboat_is_compared_by_its_rows() throws Exception {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backupOf(parts);
        Fingerprint fingerprint = backup.fingerprint();
        InMemoryParts older = copyWithDescription(parts, Optional.empty());
        Manifest manifest = manifest(backup, older, new Fingerprint(ArchiveLayout.FINGERPRINT_ALGORITHM_V1,
                Sha256.hex("a description this lifeboat no longer computes"), fingerprint.attributes(),
                fingerprint.tables()));

        assertThat(restore(manifest, older).checks()).extracting(VerificationCheck::detail)
                .anySatisfy(detail -> assertThat(detail).contains("not compared"))
                .anySatisfy(detail -> assertThat(detail).contains("3 rows match"));
    }

    @Test
    void a_damaged_description_is_refused_before_anything_is_loaded() throws Exception {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backupOf(parts);
        String damaged = new String(parts.bytes(ArchiveLayout.DESCRIPTION), StandardCharsets.UTF_8)
                .replace("shop.items", "shop.itemz");
        InMemoryParts altered = copyWithDescription(parts, Optional.of(damaged));
        String target = PostgresServers.uniqueName("checked_copy");

        assertThatThrownBy(() -> engine.restore(new RestoreJob(RoundTripTest.manifest(backup, altered), altered,
                location(target), false, Optional.empty(), Map.of(), Progress.NONE)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("schema/description.txt does not match the fingerprint's schema hash");
        assertThat(databaseExists(target)).isFalse();
    }

    private boolean databaseExists(String name) throws java.sql.SQLException {
        try (java.sql.Connection connection = server.connect("postgres");
             java.sql.PreparedStatement statement = connection.prepareStatement(
                     "SELECT 1 FROM pg_database WHERE datname LIKE ? || '%'")) {
            statement.setString(1, name);
            try (java.sql.ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private EngineBackup backupOf(InMemoryParts parts) throws Exception {
        String database = server.createDatabase("checked");
        server.execute(database, "CREATE SCHEMA shop", "CREATE TABLE shop.items (id integer PRIMARY KEY)",
                "INSERT INTO shop.items VALUES (1), (2), (3)");
        return engine.backup(new BackupJob(location(database), Map.of(), parts, RoundTripTest.noScratch(),
                Progress.NONE));
    }

    private dev.lifeboat.domain.spi.RestoreOutcome restore(Manifest manifest, InMemoryParts parts) {
        return engine.restore(new RestoreJob(manifest, parts, location(PostgresServers.uniqueName("checked_copy")),
                false, Optional.empty(), Map.of(), Progress.NONE));
    }

    private static Manifest manifest(EngineBackup backup, InMemoryParts parts, Fingerprint fingerprint) {
        Manifest manifest = RoundTripTest.manifest(backup, parts);
        return new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(),
                manifest.engineId(), manifest.engineVersion(), manifest.source(), manifest.label(), fingerprint,
                manifest.options(), manifest.parts(), manifest.warnings());
    }

    /** The parts with another description, or without one, as an archive of a lifeboat before v2. */
    private static InMemoryParts copyWithDescription(InMemoryParts parts, Optional<String> description) {
        InMemoryParts copy = new InMemoryParts();
        for (PartInfo part : parts.parts()) {
            boolean isDescription = part.name().equals(ArchiveLayout.DESCRIPTION);
            if (isDescription && description.isEmpty()) {
                continue;
            }
            try (OutputStream out = copy.open(part.name(), part.role()); InputStream in = parts.open(part.name())) {
                out.write(isDescription ? description.get().getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copy;
    }

    private DatabaseLocation location(String database) {
        return DatabaseLocation.parse(server.url(database));
    }
}
