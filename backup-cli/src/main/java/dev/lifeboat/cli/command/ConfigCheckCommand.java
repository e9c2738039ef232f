package dev.lifeboat.cli.command;

import dev.lifeboat.cli.notify.Notifier;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.cli.settings.EnvironmentDatabase;
import dev.lifeboat.cli.settings.RepositorySettingInEffect;
import dev.lifeboat.cli.settings.Resolved;
import dev.lifeboat.cli.settings.SecretResolver;
import dev.lifeboat.cli.settings.SettingsResolver;
import dev.lifeboat.cli.wiring.Adapters;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lifeboat config check}: is the configuration file valid, and what does it set? */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Check the configuration file and show the settings in effect, with where each comes from.",
        description = {"Reads the configuration file (--config, else $LIFEBOAT_CONFIG, else ./lifeboat.toml, else "
                + "~/.config/lifeboat/lifeboat.toml) and reports every problem with its file, line and key (exit 2). "
                + "When it is valid, shows each setting in effect, for the defaults and for each database, and where it "
                + "comes from: a flag, the environment, a line of the file, or lifeboat's default. Passwords are never "
                + "shown: only whether their environment variable is set or their file readable. Of encryption, the "
                + "recipients (public keys) and the identity file's path, never its content.",
                "Then the settings of the kind of repository in effect that takes some (s3: endpoint, region, ...), "
                + "and of any kind the file has a table for, each from its environment variables or the file's table; "
                + "a secret such as AWS_SECRET_ACCESS_KEY shows as ****.",
                "Then, when DATABASE_URL is not set, the database 'lifeboat backup' would build from DB_HOST, DB_PORT, "
                + "DB_NAME, DB_USER and DB_PASSWORD (DEV_DB_* with --env dev) and the backup's label, each with where it "
                + "comes from (the environment, or a line of .env.local or .env); DB_PASSWORD shows as ****. Without a "
                + "configuration file, only that is shown."},
        footer = {"", "Examples:", "  lifeboat config check", "  lifeboat config check --config /etc/lifeboat/lifeboat.toml --json"})
final class ConfigCheckCommand extends LifeboatSubcommand {

    private static final String NOT_SET = "not set";
    private static final int KEY_WIDTH = 12;

    @picocli.CommandLine.Option(names = "--env", paramLabel = "ENV", description = "dev, prod or auto (the default: "
            + "$ENV_MODE, else prod): which database variables to show, DEV_DB_* or DB_*.")
    String env;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() {
        EnvironmentDatabase.Resolved mode = EnvironmentDatabase.Mode.resolve(env, context().variables());
        Optional<EnvironmentDatabase> fromVariables = context().hasDatabaseUrl() ? Optional.empty()
                : EnvironmentDatabase.find(mode.mode(), context().variables());
        Optional<Configuration> found = context().configuration(repository);
        if (found.isEmpty() && fromVariables.isPresent()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", true);
            document.put("command", "config check");
            document.put("file", null);
            document.put("environmentDatabase", environmentDatabase(fromVariables.get(), mode));
            if (output.json) {
                printJson(document);
            } else {
                PrintWriter out = out();
                out.println("No configuration file.");
                describeEnvironmentDatabase(document, out);
                out.flush();
            }
            return 0;
        }
        Configuration configuration = found.orElseThrow(() -> new UnavailableException(
                "no configuration file: none given with --config or $" + RepositoryOptions.CONFIG_VARIABLE
                        + ", and none at ./lifeboat.toml or ~/.config/lifeboat/lifeboat.toml"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "config check");
        document.put("file", configuration.file());
        document.put("defaults", settings(configuration.defaults()));
        document.put("databases", configuration.databases().stream().map(database -> this.database(configuration, database))
                .toList());
        List<String> warnings = new ArrayList<>(configuration.warnings());
        document.put("repositorySettings", repositorySettings(configuration, warnings));
        document.put("warnings", warnings);
        fromVariables.ifPresent(database -> document.put("environmentDatabase", environmentDatabase(database, mode)));
        if (output.json) {
            printJson(document);
        } else {
            describe(document, out());
        }
        return 0;
    }

    private Map<String, Object> database(Configuration configuration, ConfiguredDatabase database) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", database.name());
        entry.put("location", setting(withoutPassword(database.location().value()),
                database.location().origin().toString()));
        database.label().ifPresent(label -> entry.put("label", setting(label.value(), label.origin().toString())));
        database.engine().ifPresent(engine -> entry.put("engine", setting(engine.value(), engine.origin().toString())));
        database.password().ifPresent(password -> entry.put("password", setting(
                new SecretResolver(context().environment()).describe(password), password.origin().toString())));
        if (!database.engineOptions().isEmpty()) {
            entry.put("options", new LinkedHashMap<>(database.engineOptions()));
        }
        database.maxSchemaVersion().ifPresent(limit -> entry.put("maxSchemaVersion", setting(limit.value(),
                limit.origin().toString())));
        entry.putAll(settings(configuration.settingsFor(database)));
        return entry;
    }

    /** Each setting in effect, decided as a backup would decide it (flags of this command: --repo). */
    private Map<String, Object> settings(ConfiguredSettings configured) {
        SettingsResolver resolver = context().settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        Resolved<String> repositoryLocation = resolver.repository(Optional.ofNullable(repository.directory), configured);
        settings.put("repository", setting(repositoryLocation.value(), repositoryLocation.source()));
        Resolved<Duration> lockTimeout = resolver.lockTimeout(Optional.empty(), configured);
        // PT30M reads as 30m, PT1H30M as 1h30m, as the file would say it
        settings.put("lockTimeout", setting(lockTimeout.value().toString().substring(2).toLowerCase(Locale.ROOT),
                lockTimeout.source()));
        Resolved<CompressionSettings> compression = resolver.compression(Optional.empty(), Optional.empty(), configured);
        settings.put("compression", setting(compression.value().compression().id() + " level "
                + compression.value().level(), compression.source()));
        Resolved<RetentionPolicy> keep = resolver.retention(
                RetentionPolicy.none(), configured);
        settings.put("keep", setting(keep.value().describe(), keep.source()));
        Optional<Resolved<Notification>> notification = resolver.notification(Optional.empty(), Optional.empty(), configured);
        settings.put("notify", notification.map(resolved -> setting(Notifier.origin(resolved.value().url()) + " on "
                + resolved.value().on().id(), resolved.source())).orElse(setting("nowhere", "default")));
        settings.put("checkMaxAge", configured.checkMaxAge().map(found -> setting(Units.age(found.value()),
                found.origin().toString())).orElse(setting(Units.age(CheckCommand.DEFAULT_MAX_AGE), "default")));
        // public keys may be shown; of the identity, only where its file is
        List<String> recipients = configured.encryption().map(found -> found.value().recipients()).orElse(List.of());
        settings.put("recipients", recipients.isEmpty() ? setting("none: backups are not encrypted", "default")
                : setting(String.join(", ", recipients), configured.encryption().get().origin().toString()));
        settings.put("identity", context().keys().identity(null, configured)
                .map(found -> setting(found.value().toString(), found.source())).orElse(setting(null, NOT_SET)));
        return settings;
    }

    /**
     * The settings of each kind of repository that matters here: the kinds of the repositories in effect (the
     * defaults' and each database's), and any kind the file has a table for. Kinds that declare no settings (a
     * directory) are left out. A secret is shown as ****, also in JSON.
     */
    private List<Map<String, Object>> repositorySettings(Configuration configuration, List<String> warnings) {
        Adapters adapters = context().adapters();
        Map<String, BackupRepositoryProvider> kinds = new LinkedHashMap<>();
        List<ConfiguredSettings> places = new ArrayList<>();
        places.add(configuration.defaults());
        configuration.databases().forEach(database -> places.add(configuration.settingsFor(database)));
        for (ConfiguredSettings place : places) {
            String location = context().settings().repository(Optional.ofNullable(repository.directory), place).value();
            BackupRepositoryProvider provider = adapters.repositoryProvider(location);
            kinds.putIfAbsent(provider.id(), provider);
        }
        for (String kind : configuration.repositorySettings().keySet()) {
            if (!kinds.containsKey(kind)) {
                Optional<BackupRepositoryProvider> provider = adapters.repositoryProviders().stream()
                        .filter(candidate -> candidate.id().equals(kind)).findFirst();
                if (provider.isPresent()) {
                    kinds.put(kind, provider.get());
                } else {
                    warnings.add(configuration.file() + ": [" + kind + "] is for a kind of repository this lifeboat "
                            + "does not have; its settings are not used");
                }
            }
        }
        List<Map<String, Object>> sections = new ArrayList<>();
        kinds.forEach((kind, provider) -> {
            Map<String, Configured<String>> file = configuration.repositorySettings(kind);
            List<RepositorySettingInEffect> settings = context().settings().repositorySettings(provider, file);
            if (settings.isEmpty()) {
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            settings.forEach(setting -> values.put(setting.setting().name(), setting(setting.shownValue().orElse(null),
                    setting.resolved().map(Resolved::source).orElse(NOT_SET))));
            file.forEach((key, value) -> {
                if (!values.containsKey(key)) {
                    warnings.add(value.origin() + ": the " + kind + " repository of this lifeboat has no such setting; "
                            + "it is not used");
                }
            });
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("kind", kind);
            section.put("settings", values);
            sections.add(section);
        });
        return sections;
    }

    /** A configured location as every other output shows it: a password in it is left out. */
    private static String withoutPassword(String location) {
        try {
            return DatabaseLocation.parse(location).toString();
        } catch (LifeboatException e) {
            return "(not shown: " + e.getMessage() + ")";
        }
    }

    /** The database DB_* or DEV_DB_* describe: its location (no password), the label, and each variable's origin. */
    private static Map<String, Object> environmentDatabase(EnvironmentDatabase database,
                                                           EnvironmentDatabase.Resolved mode) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("location", setting(database.location().toString(), "built from the variables below"));
        entry.put("env", setting(mode.mode().label(), mode.origin()));
        database.values().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(variable ->
                entry.put(variable.getKey(), setting(variable.getValue().value(), variable.getValue().origin())));
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static void describeEnvironmentDatabase(Map<String, Object> document, PrintWriter out) {
        Map<String, Object> database = (Map<String, Object>) document.get("environmentDatabase");
        if (database != null) {
            out.println("Database from the environment (lifeboat backup with no database; label: its env, unless "
                    + "--label)");
            printSettings(database, out, "  ", database.keySet().stream().mapToInt(String::length).max().orElse(0));
        }
    }

    private static Map<String, Object> setting(String value, String source) {
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("value", value);
        setting.put("from", source);
        return setting;
    }

    @SuppressWarnings("unchecked")
    private static void describe(Map<String, Object> document, PrintWriter out) {
        out.printf("Configuration %s is valid.%n", document.get("file"));
        out.println("Defaults");
        printSettings((Map<String, Object>) document.get("defaults"), out, "  ", KEY_WIDTH);
        for (Map<String, Object> database : (List<Map<String, Object>>) document.get("databases")) {
            out.printf("Database %s%n", database.get("name"));
            printSettings(database, out, "  ", KEY_WIDTH);
        }
        for (Map<String, Object> kind : (List<Map<String, Object>>) document.get("repositorySettings")) {
            out.printf("Repository settings: %s%n", kind.get("kind"));
            Map<String, Object> settings = (Map<String, Object>) kind.get("settings");
            printSettings(settings, out, "  ", settings.keySet().stream().mapToInt(String::length).max().orElse(0));
        }
        describeEnvironmentDatabase(document, out);
        for (Object warning : (List<Object>) document.get("warnings")) {
            out.printf("warning: %s%n", warning);
        }
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static void printSettings(Map<String, Object> settings, PrintWriter out, String indent, int keyWidth) {
        String key = "%s%-" + Math.max(keyWidth, KEY_WIDTH) + "s ";
        settings.forEach((name, value) -> {
            if (value instanceof Map<?, ?> map && map.containsKey("value") && map.get("value") == null) {
                out.printf(key + "%s%n", indent, name, NOT_SET);
            } else if (value instanceof Map<?, ?> map && map.containsKey("value")) {
                out.printf(key + "%-40s (%s)%n", indent, name, map.get("value"), map.get("from"));
            } else if (value instanceof Map<?, ?> options) {
                out.printf(key + "%s%n", indent, name, options);
            }
        });
    }
}
