package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.SecretReference;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.policy.SchemaVersionGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads one {@code [databases.NAME]} table. */
final class DatabaseTableReader {

    static final List<String> KEYS = Stream.concat(Stream.of("location", "label", "engine", "password", "options",
            "max-schema-version"),
            SettingsReader.KEYS.stream()).toList();

    /** Also a command-line argument and the start of archive names, so nothing a shell or file system trips over. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final TomlDocument document;
    private final Problems problems;
    private final ValueReader values;
    private final SettingsReader settings;
    private final PasswordReader passwords;
    private final ConfigurationSource source;
    private final List<String> warnings;

    DatabaseTableReader(TomlDocument document, Problems problems, ValueReader values, SettingsReader settings,
                   ConfigurationSource source, List<String> warnings) {
        this.document = document;
        this.problems = problems;
        this.values = values;
        this.settings = settings;
        this.passwords = new PasswordReader(problems, values, source.directory());
        this.source = source;
        this.warnings = warnings;
    }

    Optional<ConfiguredDatabase> read(TomlEntry database, ConfiguredSettings defaults) {
        String name = database.name();
        if (!NAME.matcher(name).matches()) {
            problems.add(database.origin(), "invalid database name '" + name + "': use letters, digits, '.', '_' and "
                    + "'-', starting with a letter, a digit or '_'");
        }
        if (!values.isTable(database, "[databases.shop] with location = \"sqlite:/srv/shop.db\"")) {
            return Optional.empty();
        }
        Optional<Configured<String>> location = Optional.empty();
        Optional<Configured<String>> label = Optional.empty();
        Optional<Configured<String>> engine = Optional.empty();
        Optional<Configured<SecretReference>> password = Optional.empty();
        Map<String, String> options = Map.of();
        Optional<Configured<String>> maxSchemaVersion = Optional.empty();
        boolean locationWritten = false;
        List<TomlEntry> settingEntries = new ArrayList<>();
        for (TomlEntry entry : document.entries(database)) {
            switch (entry.name()) {
                case "location" -> {
                    locationWritten = true;
                    location = configured(entry, values.nonBlankString(entry,
                            "a database location in quotes, such as \"sqlite:/srv/shop.db\""));
                }
                case "label" -> label = configured(entry, values.string(entry, "a label in quotes, such as \"nightly\"")
                        .flatMap(text -> label(entry, text)));
                case "engine" -> engine = configured(entry, values.nonBlankString(entry,
                        "an engine name in quotes, such as \"sqlite\""));
                case "password" -> password = passwords.read(entry);
                case "options" -> options = options(entry);
                case "max-schema-version" -> maxSchemaVersion = configured(entry, maxSchemaVersion(entry));
                default -> {
                    if (SettingsReader.KEYS.contains(entry.name())) {
                        settingEntries.add(entry);
                    } else {
                        values.unknownKey(entry, "a database", KEYS);
                    }
                }
            }
        }
        if (!locationWritten) {
            problems.add(database.origin(), "location is missing: every database needs one, such as "
                    + "location = \"sqlite:/srv/shop.db\"");
        }
        ConfiguredSettings own = settings.read(settingEntries, defaults.compression());
        if (location.isEmpty()) {
            return Optional.empty();
        }
        warnAboutPasswords(location.get(), password);
        return Optional.of(new ConfiguredDatabase(name, location.get(), label, engine, password, options, own,
                maxSchemaVersion));
    }

    private static Optional<Configured<String>> configured(TomlEntry entry, Optional<String> value) {
        return value.map(text -> new Configured<>(text, entry.origin()));
    }

    private Optional<String> label(TomlEntry entry, String text) {
        try {
            return Optional.of(BackupNaming.requireValidLabel(text));
        } catch (InvalidUsageException e) {
            problems.add(entry.origin(), e.getMessage());
            return Optional.empty();
        }
    }

    /** A schema version: a whole number (42) or numbers separated by dots in quotes ("1.2.3"). */
    private Optional<String> maxSchemaVersion(TomlEntry entry) {
        String text = entry.value().canConvertToExactIntegral() && entry.value().isIntegralNumber()
                ? entry.value().asText()
                : values.nonBlankString(entry, "a schema version, such as 42 or \"1.2.3\"").orElse(null);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SchemaVersionGuard(text).maximum());
        } catch (InvalidUsageException e) {
            problems.add(entry.origin(), e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, String> options(TomlEntry entry) {
        if (!values.isTable(entry, "[databases.NAME.options] with jobs = 4")) {
            return Map.of();
        }
        // the names and values of --engine-option NAME=VALUE: the engine that gets them checks them
        Map<String, String> options = new LinkedHashMap<>();
        for (TomlEntry option : document.entries(entry)) {
            values.scalar(option, "a string, a whole number or true/false (engine options such as jobs = 4 or "
                            + "no-owner = true)")
                    .ifPresent(text -> options.put(option.name(), text));
        }
        return options;
    }

    private void warnAboutPasswords(Configured<String> location, Optional<Configured<SecretReference>> password) {
        if (!source.readableByOthers()) {
            return;
        }
        String fix = "use env:NAME or file:PATH, or chmod 600 " + source.file();
        password.filter(reference -> reference.value() instanceof SecretReference.Literal).ifPresent(literal ->
                warnings.add(literal.origin() + " is written in a file others can read: " + fix));
        if (DatabaseLocation.parse(location.value()).password().isPresent()) {
            warnings.add(location.origin() + " holds a password and is written in a file others can read: take the "
                    + "password out into password = \"env:NAME\" or \"file:PATH\", or chmod 600 " + source.file());
        }
    }
}
