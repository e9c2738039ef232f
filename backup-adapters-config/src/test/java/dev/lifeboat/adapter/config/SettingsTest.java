package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.config.NotifyOn;
import dev.lifeboat.domain.config.Origin;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import java.net.URI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The less common ways of writing settings. */
class SettingsTest {

    @TempDir
    Path directory;

    @Test
    void aCompressionAloneHasItsDefaultLevel() {
        ConfiguredSettings settings = read("\ncompression = \"gzip\"\n");

        assertThat(settings.compression()).contains(at(CompressionSettings.of(Compression.GZIP), 2, "compression"));
        assertThat(read("compression = \"none\"\n").compression().orElseThrow().value())
                .isEqualTo(new CompressionSettings(Compression.NONE, 0));
    }

    @Test
    void aLevelAloneMeansZstdAndPointsAtTheLevel() {
        ConfiguredSettings settings = read("# fast\nlevel = 1\n");

        assertThat(settings.compression()).contains(at(new CompressionSettings(Compression.ZSTD, 1), 2, "level"));
    }

    @Test
    void aDatabasesLevelAloneIsFineBesideADefaultOfZstd() {
        Path file = ConfigurationFiles.write(directory, """
                compression = "zstd"
                [databases.shop]
                location = "sqlite:/srv/shop.db"
                level = 19
                """);

        assertThat(ConfigurationFiles.read(file).database("shop").orElseThrow().settings().compression().orElseThrow()
                .value()).isEqualTo(new CompressionSettings(Compression.ZSTD, 19));
    }

    /** {@code lifeboat check} takes its max-age from [check], and a database's own [databases.NAME.check] first. */
    @Test
    void aCheckMaxAgeIsReadForAllDatabasesAndOverriddenForOne() {
        Path file = ConfigurationFiles.write(directory, """
                [check]
                max-age = "26h"
                [databases.shop]
                location = "sqlite:/srv/shop.db"
                [databases.shop.check]
                max-age = "8d"
                [databases.app]
                location = "sqlite:/srv/app.db"
                """);

        Configuration configuration = ConfigurationFiles.read(file);
        assertThat(configuration.defaults().checkMaxAge()).contains(at(Duration.ofHours(26), 2, "check.max-age"));
        assertThat(configuration.settingsFor(configuration.database("shop").orElseThrow()).checkMaxAge()
                .orElseThrow().value()).isEqualTo(Duration.ofDays(8));
        assertThat(configuration.settingsFor(configuration.database("app").orElseThrow()).checkMaxAge()
                .orElseThrow().value()).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void aLockTimeoutMayBeAWholeNumberOfSecondsOrAnIsoDuration() {
        assertThat(read("lock-timeout = 90\n").lockTimeout()).contains(at(Duration.ofSeconds(90), 1, "lock-timeout"));
        assertThat(read("lock-timeout = \"PT1M30S\"\n").lockTimeout().orElseThrow().value())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(read("lock-timeout = \"0\"\n").lockTimeout().orElseThrow().value()).isEqualTo(Duration.ZERO);
    }

    @Test
    void encryptionGivesRecipientsForAllAndADatabaseReplacesThemWithAnIdentityBesideTheFile() {
        Path file = ConfigurationFiles.write(directory, """
                [encryption]
                recipients = ["age1operations", "age1recovery"]   # an operations key and an offline one
                identity = "file:keys/restore.txt"
                [databases.shop]
                location = "sqlite:/srv/shop.db"
                encryption = { recipients = ["age1shop"] }
                [databases.wiki]
                location = "sqlite:/srv/wiki.db"
                """);
        dev.lifeboat.domain.config.Configuration configuration = ConfigurationFiles.read(file);

        dev.lifeboat.domain.config.EncryptionSettings defaults = configuration.defaults().encryption().orElseThrow()
                .value();
        assertThat(defaults.recipients()).containsExactly("age1operations", "age1recovery");
        assertThat(defaults.identity()).contains(directory.resolve("keys/restore.txt"));
        assertThat(configuration.settingsFor(configuration.database("shop").orElseThrow()).encryption().orElseThrow()
                .value()).isEqualTo(new dev.lifeboat.domain.config.EncryptionSettings(java.util.List.of("age1shop"),
                java.util.Optional.empty()));
        assertThat(configuration.settingsFor(configuration.database("wiki").orElseThrow()).encryption().orElseThrow()
                .value()).isEqualTo(defaults);
    }

    @Test
    void notifyAlwaysAndInlineTablesPointAtTheirKey() {
        ConfiguredSettings settings = read("""
                repository = "/srv/backups"
                notify = { url = "http://monitor.internal:8080/lifeboat", on = "always" }
                keep = { last = 3 }
                """);

        assertThat(settings.notification()).contains(at(
                new Notification(URI.create("http://monitor.internal:8080/lifeboat"), NotifyOn.ALWAYS), 2, "notify"));
        assertThat(settings.keep().orElseThrow().origin()).isEqualTo(origin(3, "keep"));
    }

    @Test
    void databasesComeInTheFilesOrderAndMayBeNamedWithDots() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.zeta]
                location = "sqlite:/srv/zeta.db"
                [databases."shop.v2"]
                location = "sqlite:/srv/shop2.db"
                [databases.alpha]
                location = "sqlite:/srv/alpha.db"
                """);

        assertThat(ConfigurationFiles.read(file).databases())
                .extracting(database -> database.name() + "@" + database.location().origin())
                .containsExactly("zeta@" + file + ":2: databases.zeta.location",
                        "shop.v2@" + file + ":4: databases.\"shop.v2\".location",
                        "alpha@" + file + ":6: databases.alpha.location");
    }

    /** The example of docs/configuration.md's [s3] section, read to the exact values and lines. */
    @Test
    void theS3TableKeepsEachValueAsTextWithItsLineAndKeyInTheFilesOrder() throws IOException {
        String docs = Files.readString(Path.of("../docs/configuration.md"));
        int section = docs.indexOf("## Object storage: [s3]");
        int start = docs.indexOf("```toml\n", section) + "```toml\n".length();
        Path file = ConfigurationFiles.write(directory, docs.substring(start, docs.indexOf("```", start)));

        Configuration configuration = ConfigurationFiles.read(file);

        assertThat(configuration.defaults().repository()).contains(at("s3://backups/lifeboat/prod", 1, "repository"));
        assertThat(configuration.repositorySettings("s3")).containsExactly(
                entry("endpoint", at("https://s3.eu-central-003.backblazeb2.com", 4, "s3.endpoint")),
                entry("region", at("eu-central-003", 5, "s3.region")),
                entry("provider", at("b2", 6, "s3.provider")),
                entry("path-style", at("false", 7, "s3.path-style")),
                entry("profile", at("backup", 8, "s3.profile")),
                entry("object-lock-mode", at("governance", 9, "s3.object-lock-mode")),
                entry("object-lock-days", at("30", 10, "s3.object-lock-days")),
                entry("lock-lease", at("5m", 11, "s3.lock-lease")));
        assertThat(configuration.repositorySettings().keySet()).containsExactly("s3");
    }

    @Test
    void s3SettingsMayBeWrittenAsTextOrDottedKeysAndAFileWithoutThemHasNone() {
        Path file = ConfigurationFiles.write(directory, """
                s3.path-style = "TRUE"
                s3.object-lock-days = "7"
                """);

        assertThat(ConfigurationFiles.read(file).repositorySettings("s3")).containsExactly(
                entry("path-style", at("true", 1, "s3.path-style")),
                entry("object-lock-days", at("7", 2, "s3.object-lock-days")));
        Configuration plain = ConfigurationFiles.read(ConfigurationFiles.write(directory, "repository = \"/srv\"\n"));
        assertThat(plain.repositorySettings()).isEmpty();
        assertThat(plain.repositorySettings("s3")).isEmpty();
    }

    private ConfiguredSettings read(String toml) {
        return ConfigurationFiles.read(ConfigurationFiles.write(directory, toml)).defaults();
    }

    private <T> Configured<T> at(T value, int line, String key) {
        return new Configured<>(value, origin(line, key));
    }

    private Origin origin(int line, String key) {
        return new Origin(directory.resolve("lifeboat.toml").toString(), line, key);
    }
}
