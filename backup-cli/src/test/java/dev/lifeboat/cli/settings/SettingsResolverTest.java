package dev.lifeboat.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.cli.StandInObjectStoreProvider;
import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.output.Terminal;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.config.NotifyOn;
import dev.lifeboat.domain.config.Origin;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.policy.RetentionPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Precedence: flag, then environment, then the configuration file (database before defaults), then default. */
class SettingsResolverTest {

    private static final ConfiguredSettings FILE = new ConfiguredSettings(
            Optional.of(configured("/from/file", 2, "repository")),
            Optional.of(configured(Duration.ofMinutes(5), 3, "lock-timeout")),
            Optional.of(configured(new CompressionSettings(Compression.GZIP, 9), 4, "compression")),
            Optional.of(configured(new RetentionPolicy(0, 0, 14, 0, 0, 0, Optional.empty()), 6, "keep")),
            Optional.of(configured(new Notification(URI.create("https://hooks.example/file"), NotifyOn.ALWAYS), 9, "notify")));

    @Test
    void the_repository_comes_from_the_flag_then_the_environment_then_the_file_then_the_default() {
        SettingsResolver withVariable = resolver(Map.of("LIFEBOAT_REPO", "/from/env"));
        SettingsResolver without = resolver(Map.of());

        assertThat(withVariable.repository(Optional.of("/from/flag"), FILE)).isEqualTo(new Resolved<>("/from/flag", "--repo"));
        assertThat(withVariable.repository(Optional.empty(), FILE)).isEqualTo(new Resolved<>("/from/env", "LIFEBOAT_REPO"));
        assertThat(without.repository(Optional.empty(), FILE))
                .isEqualTo(new Resolved<>("/from/file", "lifeboat.toml:2: repository"));
        assertThat(without.repository(Optional.empty(), ConfiguredSettings.none())).isEqualTo(new Resolved<>("backups", "default"));
    }

    @Test
    void a_database_section_overrides_the_file_defaults_and_a_flag_overrides_both() {
        ConfiguredSettings database = ConfiguredSettings.none().overriddenBy(new ConfiguredSettings(
                Optional.of(configured("/shop/repo", 12, "databases.shop.repository")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        ConfiguredSettings effective = FILE.overriddenBy(database);

        assertThat(resolver(Map.of()).repository(Optional.empty(), effective).value()).isEqualTo("/shop/repo");
        assertThat(resolver(Map.of()).lockTimeout(Optional.empty(), effective).value()).isEqualTo(Duration.ofMinutes(5));
        assertThat(resolver(Map.of()).repository(Optional.of("/flag"), effective).value()).isEqualTo("/flag");
    }

    @Test
    void compression_flags_come_first_and_a_level_alone_keeps_the_configured_algorithm() {
        SettingsResolver resolver = resolver(Map.of());

        assertThat(resolver.compression(Optional.empty(), Optional.empty(), FILE).value())
                .isEqualTo(new CompressionSettings(Compression.GZIP, 9));
        assertThat(resolver.compression(Optional.of("zstd"), Optional.empty(), FILE))
                .isEqualTo(new Resolved<>(CompressionSettings.DEFAULT, "--compression"));
        assertThat(resolver.compression(Optional.empty(), Optional.of(1), FILE).value())
                .isEqualTo(new CompressionSettings(Compression.GZIP, 1));
        assertThat(resolver.compression(Optional.empty(), Optional.empty(), ConfiguredSettings.none()).value())
                .isEqualTo(CompressionSettings.DEFAULT);
        assertThatThrownBy(() -> resolver.compression(Optional.of("lz4"), Optional.empty(), FILE))
                .isInstanceOf(InvalidUsageException.class);
    }

    @Test
    void keep_flags_replace_the_configured_policy_as_a_whole() {
        RetentionPolicy flags = new RetentionPolicy(3, 0, 0, 0, 0, 0, Optional.empty());

        assertThat(resolver(Map.of()).retention(flags, FILE)).isEqualTo(new Resolved<>(flags, "--keep-*"));
        assertThat(resolver(Map.of()).retention(RetentionPolicy.none(), FILE).value().daily()).isEqualTo(14);
        assertThat(resolver(Map.of()).retention(RetentionPolicy.none(), ConfiguredSettings.none()).value().isEmpty()).isTrue();
    }

    @Test
    void the_notification_url_comes_from_the_flag_then_the_environment_then_the_file() {
        SettingsResolver withVariable = resolver(Map.of("LIFEBOAT_NOTIFY", "https://hooks.example/env"));

        assertThat(withVariable.notification(Optional.of("https://hooks.example/flag"), Optional.empty(), FILE)
                .map(Resolved::value)).contains(new Notification(URI.create("https://hooks.example/flag"), NotifyOn.ALWAYS));
        assertThat(withVariable.notification(Optional.empty(), Optional.of("failure"), FILE).map(Resolved::value))
                .contains(new Notification(URI.create("https://hooks.example/env"), NotifyOn.FAILURE));
        assertThat(resolver(Map.of()).notification(Optional.empty(), Optional.empty(), FILE).map(Resolved::source))
                .contains("lifeboat.toml:9: notify");
        assertThat(resolver(Map.of()).notification(Optional.empty(), Optional.empty(), ConfiguredSettings.none())).isEmpty();
        assertThat(resolver(Map.of()).notification(Optional.of("https://x.example"), Optional.empty(),
                ConfiguredSettings.none()).map(resolved -> resolved.value().on())).contains(NotifyOn.FAILURE);
    }

    @Test
    void bad_notification_settings_are_usage_errors() {
        SettingsResolver resolver = resolver(Map.of());

        assertThatThrownBy(() -> resolver.notification(Optional.of("ftp://x.example"), Optional.empty(), FILE))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> resolver.notification(Optional.empty(), Optional.of("sometimes"), FILE))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("failure or always");
    }

    @Test
    void a_repository_setting_comes_from_its_first_set_variable_then_the_files_table() {
        SettingsResolver resolver = resolver(Map.of("AWS_ENDPOINT_URL_S3", "https://aws.example", "AWS_REGION", " ",
                "LIFEBOAT_S3_REGION", "eu-west-1", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"));
        Map<String, Configured<String>> file = Map.of(
                "endpoint", configured("https://file.example", 4, "s3.endpoint"),
                "provider", configured("minio", 5, "s3.provider"));

        List<RepositorySettingInEffect> settings = resolver.repositorySettings(new StandInObjectStoreProvider(), file);

        assertThat(settings).extracting(setting -> setting.setting().name()).containsExactly("endpoint", "region",
                "path-style", "provider", "profile", "object-lock-mode", "object-lock-days", "lock-lease", "host-name",
                "access-key-id", "secret-access-key");
        assertThat(byName(settings, "endpoint").resolved()).contains(new Resolved<>("https://aws.example", "AWS_ENDPOINT_URL_S3"));
        assertThat(byName(settings, "region").resolved()).contains(new Resolved<>("eu-west-1", "LIFEBOAT_S3_REGION"));
        assertThat(byName(settings, "provider").resolved()).contains(new Resolved<>("minio", "lifeboat.toml:5: s3.provider"));
        assertThat(byName(settings, "profile").resolved()).isEmpty();
        assertThat(byName(settings, "secret-access-key").shownValue()).contains("****");
        assertThat(byName(settings, "region").shownValue()).contains("eu-west-1");
        assertThat(SettingsResolver.values(settings).values()).isEqualTo(Map.of("endpoint", "https://aws.example",
                "region", "eu-west-1", "provider", "minio", "secret-access-key", "wJalrXUtnFEMI/K7MDENG"));
    }

    @Test
    void the_lifeboat_variable_comes_before_the_aws_sdks_own() {
        SettingsResolver resolver = resolver(Map.of("AWS_ENDPOINT_URL_S3", "https://aws.example",
                "LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9000"));

        assertThat(byName(resolver.repositorySettings(new StandInObjectStoreProvider(), Map.of()), "endpoint").resolved())
                .contains(new Resolved<>("http://127.0.0.1:9000", "LIFEBOAT_S3_ENDPOINT"));
    }

    private static RepositorySettingInEffect byName(List<RepositorySettingInEffect> settings, String name) {
        return settings.stream().filter(setting -> setting.setting().name().equals(name)).findFirst().orElseThrow();
    }

    private static SettingsResolver resolver(Map<String, String> variables) {
        return new SettingsResolver(new Environment(variables, Path.of("/work"), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Terminal.none(), Clock.systemUTC()));
    }

    private static <T> Configured<T> configured(T value, int line, String key) {
        return new Configured<>(value, new Origin("lifeboat.toml", line, key));
    }
}
