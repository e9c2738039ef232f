package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Turns a parsed TOML document into lifeboat's configuration, checking every key and value on the way. */
final class ConfigurationInterpreter {

    static final String DATABASES = "databases";
    static final List<String> KEYS = Stream.concat(SettingsReader.KEYS.stream(),
            Stream.of(DATABASES, S3SettingsReader.TABLE)).toList();

    private final TomlDocument document;
    private final ConfigurationSource source;

    ConfigurationInterpreter(TomlDocument document, ConfigurationSource source) {
        this.document = document;
        this.source = source;
    }

    /** @throws dev.lifeboat.domain.error.InvalidUsageException listing every problem in the file */
    Configuration interpret() {
        Problems problems = new Problems();
        ValueReader values = new ValueReader(problems);
        SettingsReader settings = new SettingsReader(document, problems, values, source.directory());
        List<String> warnings = new ArrayList<>();
        DatabaseTableReader databaseReader = new DatabaseTableReader(document, problems, values, settings, source, warnings);
        S3SettingsReader s3 = new S3SettingsReader(document, problems, values);
        Map<String, Map<String, Configured<String>>> repositorySettings = new LinkedHashMap<>();

        List<TomlEntry> settingEntries = new ArrayList<>();
        Optional<TomlEntry> databasesEntry = Optional.empty();
        for (TomlEntry entry : document.entries()) {
            if (SettingsReader.KEYS.contains(entry.name())) {
                settingEntries.add(entry);
            } else if (entry.name().equals(DATABASES)) {
                databasesEntry = Optional.of(entry);
            } else if (entry.name().equals(S3SettingsReader.TABLE)) {
                repositorySettings.put(S3SettingsReader.TABLE, s3.read(entry));
            } else {
                values.unknownKey(entry, "the top of the file", KEYS);
            }
        }
        ConfiguredSettings defaults = settings.read(settingEntries, Optional.empty());
        List<ConfiguredDatabase> databases = new ArrayList<>();
        databasesEntry.filter(entry -> values.isTable(entry, "[databases.shop]")).ifPresent(entry -> {
            for (TomlEntry database : document.entries(entry)) {
                databaseReader.read(database, defaults).ifPresent(databases::add);
            }
        });
        problems.throwIfAny();
        return new Configuration(source.file(), defaults, databases, warnings, repositorySettings);
    }
}
