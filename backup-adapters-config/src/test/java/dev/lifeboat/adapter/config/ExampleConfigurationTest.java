package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.config.NotifyOn;
import dev.lifeboat.domain.config.Origin;
import dev.lifeboat.domain.config.SecretReference;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.policy.RetentionSpan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of docs/configuration.md, kept in the test resources, read to the exact model. */
class ExampleConfigurationTest {

    private final Path file = example();
    private final String name = file.toString();

    @Test
    void readsEveryValueWithTheLineAndKeyItIsWrittenAt() {
        Configuration configuration = ConfigurationFiles.read(file);

        ConfiguredSettings defaults = new ConfiguredSettings(
                Optional.of(at("/var/backups/lifeboat", 4, "repository")),
                Optional.of(at(Duration.ofMinutes(5), 5, "lock-timeout")),
                Optional.of(at(new CompressionSettings(Compression.ZSTD, 3), 6, "compression")),
                Optional.of(at(new RetentionPolicy(7, 0, 14, 0, 0, 0, Optional.of(RetentionSpan.parse("30d"))), 9,
                        "keep")),
                Optional.of(at(new Notification(URI.create("https://hc-ping.com/your-uuid"), NotifyOn.FAILURE), 14,
                        "notify")));
        ConfiguredDatabase shop = new ConfiguredDatabase("shop",
                at("sqlite:/srv/shop.db", 19, "databases.shop.location"),
                Optional.of(at("nightly", 20, "databases.shop.label")),
                Optional.of(at("sqlite", 21, "databases.shop.engine")),
                Optional.of(at(new SecretReference.FromEnvironment("SHOP_PASSWORD"), 22, "databases.shop.password")),
                Map.of("jobs", "4"),
                new ConfiguredSettings(
                        Optional.of(at("/var/backups/shop", 23, "databases.shop.repository")),
                        Optional.empty(),
                        Optional.of(at(new CompressionSettings(Compression.GZIP, 6), 24, "databases.shop.compression")),
                        Optional.of(at(new RetentionPolicy(0, 0, 30, 0, 0, 0, Optional.empty()), 25,
                                "databases.shop.keep")),
                        Optional.empty()));
        ConfiguredDatabase wiki = new ConfiguredDatabase("wiki",
                at("sqlite:/srv/wiki.db", 31, "databases.wiki.location"),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), ConfiguredSettings.none());

        assertThat(configuration).isEqualTo(new Configuration(name, defaults, List.of(shop, wiki), List.of()));
    }

    @Test
    void aDatabaseGetsTheDefaultsItDoesNotOverride() {
        Configuration configuration = ConfigurationFiles.read(file);

        ConfiguredSettings shop = configuration.settingsFor(configuration.database("shop").orElseThrow());
        ConfiguredSettings wiki = configuration.settingsFor(configuration.database("wiki").orElseThrow());

        assertThat(shop.repository().orElseThrow().value()).isEqualTo("/var/backups/shop");
        assertThat(shop.lockTimeout().orElseThrow().origin()).isEqualTo(new Origin(name, 5, "lock-timeout"));
        assertThat(shop.keep().orElseThrow().value().describe()).isEqualTo("daily 30");
        assertThat(shop.notification().orElseThrow().origin().line()).isEqualTo(14);
        assertThat(wiki).isEqualTo(configuration.defaults());
    }

    private <T> Configured<T> at(T value, int line, String key) {
        return new Configured<>(value, new Origin(name, line, key));
    }

    private static Path example() {
        try {
            return Path.of(ExampleConfigurationTest.class.getResource("/lifeboat.toml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
