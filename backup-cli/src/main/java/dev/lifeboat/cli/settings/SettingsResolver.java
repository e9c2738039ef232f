package dev.lifeboat.cli.settings;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.config.NotifyOn;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each setting by precedence: a command-line flag, then the environment, then the configuration file (a
 * database's own settings before the file's defaults), then lifeboat's default. A repository kind's own settings
 * (an object store's endpoint) have no flag: the environment, then the file's table for the kind. Every answer says
 * where it came from.
 */
public final class SettingsResolver {

    public static final String NOTIFY_VARIABLE = "LIFEBOAT_NOTIFY";
    public static final String REPO_VARIABLE = "LIFEBOAT_REPO";
    /** The repository when no flag, variable or file names one: ./backups. */
    public static final String DEFAULT_REPOSITORY = "backups";

    private final Environment environment;

    public SettingsResolver(Environment environment) {
        this.environment = environment;
    }

    public Resolved<String> repository(Optional<String> flag, ConfiguredSettings configured) {
        return flag.map(value -> new Resolved<>(value, "--repo"))
                .or(() -> environment.variable(REPO_VARIABLE)
                        .map(value -> new Resolved<>(value, REPO_VARIABLE)))
                .or(() -> configured.repository().map(SettingsResolver::fromFile))
                .orElse(new Resolved<>(DEFAULT_REPOSITORY, "default"));
    }

    /**
     * Each setting a kind of repository declares, in its order: from the first of its environment variables that is
     * set, else from the configuration file's table named after the kind. There are no flags for them: a secret on
     * the command line would be in the process list.
     *
     * @param file the file's table for this kind ({@code [s3]}), empty without one
     */
    public List<RepositorySettingInEffect> repositorySettings(BackupRepositoryProvider provider,
                                                       Map<String, Configured<String>> file) {
        return provider.settings().stream().map(setting -> new RepositorySettingInEffect(setting,
                setting.environmentVariables().stream()
                        .flatMap(variable -> environment.variable(variable)
                                .map(value -> new Resolved<>(value, variable)).stream())
                        .findFirst()
                        .or(() -> Optional.ofNullable(file.get(setting.name())).map(SettingsResolver::fromFile))))
                .toList();
    }

    /** The values to open a repository with. */
    public static RepositorySettings values(List<RepositorySettingInEffect> settings) {
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach(setting -> setting.resolved().ifPresent(value ->
                values.put(setting.setting().name(), value.value())));
        return new RepositorySettings(values);
    }

    public Resolved<Duration> lockTimeout(Optional<Duration> flag, ConfiguredSettings configured) {
        return flag.map(value -> new Resolved<>(value, "--lock-timeout"))
                .or(() -> configured.lockTimeout().map(SettingsResolver::fromFile))
                .orElse(new Resolved<>(Duration.ZERO, "default"));
    }

    /** A level flag alone changes the level of whatever compression applies; a compression flag brings its own. */
    public Resolved<CompressionSettings> compression(Optional<String> algorithmFlag, Optional<Integer> levelFlag,
                                              ConfiguredSettings configured) {
        if (algorithmFlag.isPresent()) {
            Compression algorithm = Compression.byId(algorithmFlag.get()).orElseThrow(() -> new InvalidUsageException(
                    "unknown compression '" + algorithmFlag.get() + "': use zstd, gzip or none"));
            if (algorithm == Compression.NONE && levelFlag.isPresent()) {
                throw new InvalidUsageException("--level has no meaning with --compression none");
            }
            return new Resolved<>(new CompressionSettings(algorithm, levelFlag.orElse(algorithm.defaultLevel())),
                    levelFlag.isPresent() ? "--compression --level" : "--compression");
        }
        Resolved<CompressionSettings> base = configured.compression().map(SettingsResolver::fromFile)
                .orElse(new Resolved<>(CompressionSettings.DEFAULT, "default"));
        if (levelFlag.isPresent()) {
            Compression algorithm = base.value().compression();
            if (algorithm == Compression.NONE) {
                throw new InvalidUsageException("--level has no meaning with no compression (" + base.source() + ")");
            }
            return new Resolved<>(new CompressionSettings(algorithm, levelFlag.get()), "--level, " + base.source());
        }
        return base;
    }

    /** Any --keep flag replaces the configured policy as a whole: rules are not mixed from two places. */
    public Resolved<RetentionPolicy> retention(RetentionPolicy flags, ConfiguredSettings configured) {
        if (!flags.isEmpty()) {
            return new Resolved<>(flags, "--keep-*");
        }
        return configured.keep().map(SettingsResolver::fromFile).orElse(new Resolved<>(RetentionPolicy.none(), "none"));
    }

    public Optional<Resolved<Notification>> notification(Optional<String> urlFlag, Optional<String> onFlag,
                                                  ConfiguredSettings configured) {
        Optional<NotifyOn> on = onFlag.map(text -> NotifyOn.byId(text).orElseThrow(() -> new InvalidUsageException(
                "--notify-on must be failure or always, not '" + text + "'")));
        Optional<Resolved<URI>> url = urlFlag.map(text -> new Resolved<>(uri(text, "--notify"), "--notify"))
                .or(() -> environment.variable(NOTIFY_VARIABLE)
                        .map(text -> new Resolved<>(uri(text, NOTIFY_VARIABLE), NOTIFY_VARIABLE)));
        if (url.isPresent()) {
            NotifyOn when = on.or(() -> configured.notification().map(n -> n.value().on())).orElse(NotifyOn.FAILURE);
            return Optional.of(new Resolved<>(new Notification(url.get().value(), when), url.get().source()));
        }
        return configured.notification().map(file -> new Resolved<>(
                new Notification(file.value().url(), on.orElse(file.value().on())),
                file.origin() + (on.isPresent() ? ", --notify-on" : "")));
    }

    private static URI uri(String text, String where) {
        try {
            URI uri = URI.create(text.trim());
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidUsageException(where + " must be an http:// or https:// URL", e);
        }
    }

    private static <T> Resolved<T> fromFile(Configured<T> configured) {
        return new Resolved<>(configured.value(), configured.origin().toString());
    }
}
