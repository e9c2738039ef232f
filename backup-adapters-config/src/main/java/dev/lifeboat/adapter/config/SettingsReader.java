package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.policy.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the settings a file may give for every database, and again for one database:
 * {@code repository}, {@code lock-timeout}, {@code compression}, {@code level}, {@code keep}, {@code notify},
 * {@code encryption} and {@code check}.
 */
final class SettingsReader {

    static final List<String> KEYS = List.of("repository", "lock-timeout", "compression", "level", "keep", "notify",
            "encryption", "check");

    /** {@code s3://bucket}, {@code file:/srv/backups}: locations a repository provider reads as they are written. */
    private static final Pattern URL = Pattern.compile("(?:[A-Za-z][A-Za-z0-9+.-]+://|(?i)file:).*", Pattern.DOTALL);
    private static final List<String> COMPRESSIONS = Arrays.stream(Compression.values()).map(Compression::id).toList();

    private final Problems problems;
    private final ValueReader values;
    private final Path directory;
    private final RetentionReader retention;
    private final NotificationReader notification;
    private final EncryptionReader encryption;
    private final CheckReader check;

    SettingsReader(TomlDocument document, Problems problems, ValueReader values, Path directory) {
        this.problems = problems;
        this.values = values;
        this.directory = directory;
        this.retention = new RetentionReader(document, problems, values);
        this.notification = new NotificationReader(document, problems, values);
        this.encryption = new EncryptionReader(document, problems, values, directory);
        this.check = new CheckReader(document, problems, values);
    }

    /**
     * @param entries            the entries of a table whose names are among {@link #KEYS}
     * @param defaultCompression the file's default compression when reading a database's settings
     */
    ConfiguredSettings read(List<TomlEntry> entries, Optional<Configured<CompressionSettings>> defaultCompression) {
        return new ConfiguredSettings(
                entry(entries, "repository").flatMap(this::repository),
                entry(entries, "lock-timeout").flatMap(this::lockTimeout),
                compression(entry(entries, "compression"), entry(entries, "level"), defaultCompression),
                entry(entries, "keep").flatMap(retention::read),
                entry(entries, "notify").flatMap(notification::read),
                entry(entries, "encryption").flatMap(encryption::read),
                entry(entries, "check").flatMap(check::maxAge));
    }

    private static Optional<TomlEntry> entry(List<TomlEntry> entries, String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    private Optional<Configured<String>> repository(TomlEntry entry) {
        Optional<String> text = values.nonBlankString(entry, "a directory or URL in quotes, such as \"/var/backups/lifeboat\" "
                + "or \"s3://bucket/prefix\"");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String location = text.get();
        if (URL.matcher(location).matches()) {
            return Optional.of(new Configured<>(location, entry.origin()));
        }
        if (location.startsWith("~")) {
            problems.add(entry.origin(), "a leading ~ is not expanded: write the full path, or one relative to the "
                    + "configuration file's directory");
            return Optional.empty();
        }
        try {
            return Optional.of(new Configured<>(directory.resolve(location).normalize().toString(), entry.origin()));
        } catch (InvalidPathException e) {
            problems.add(entry.origin(), "'" + location + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }

    private Optional<Configured<Duration>> lockTimeout(TomlEntry entry) {
        if (entry.value().isIntegralNumber()) {
            return values.count(entry).map(seconds -> new Configured<>(Duration.ofSeconds(seconds), entry.origin()));
        }
        return values.string(entry, "a duration in quotes, such as \"5m\", or a whole number of seconds")
                .flatMap(text -> {
                    try {
                        return Optional.of(new Configured<>(Durations.parse(text), entry.origin()));
                    } catch (InvalidUsageException e) {
                        problems.add(entry.origin(), e.getMessage());
                        return Optional.empty();
                    }
                });
    }

    /** {@code compression} and {@code level} make one setting; a level alone goes with zstd, the default. */
    private Optional<Configured<CompressionSettings>> compression(Optional<TomlEntry> compressionEntry,
                                                                  Optional<TomlEntry> levelEntry,
                                                                  Optional<Configured<CompressionSettings>> inherited) {
        Optional<Compression> compression = compressionEntry.flatMap(this::algorithm);
        Optional<Integer> level = levelEntry.flatMap(values::count);
        if (compressionEntry.isPresent() && compression.isEmpty() || levelEntry.isPresent() && level.isEmpty()) {
            return Optional.empty();
        }
        if (compressionEntry.isEmpty() && levelEntry.isEmpty()) {
            return Optional.empty();
        }
        Compression algorithm = compression.orElse(CompressionSettings.DEFAULT.compression());
        TomlEntry origin = compressionEntry.orElseGet(levelEntry::get);
        if (level.isEmpty()) {
            return Optional.of(new Configured<>(CompressionSettings.of(algorithm), origin.origin()));
        }
        TomlEntry levelAt = levelEntry.get();
        if (compressionEntry.isEmpty() && inherited.isPresent() && inherited.get().value().compression() != algorithm) {
            // a level alone means zstd; beside a default of gzip, that is rarely what was meant
            Compression other = inherited.get().value().compression();
            problems.add(levelAt.origin(), "a level without compression means " + algorithm.id() + ", but the file's "
                    + "default compression (line " + inherited.get().origin().line() + ") is " + other.id()
                    + ": write the compression you mean beside the level");
            return Optional.empty();
        }
        if (algorithm == Compression.NONE) {
            problems.add(levelAt.origin(), "a level is not allowed with compression none: leave the level out");
            return Optional.empty();
        }
        try {
            return Optional.of(new Configured<>(new CompressionSettings(algorithm, level.get()), origin.origin()));
        } catch (InvalidUsageException e) {
            problems.add(levelAt.origin(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Compression> algorithm(TomlEntry entry) {
        Optional<String> text = values.string(entry, ValueReader.listed(COMPRESSIONS) + " in quotes");
        Optional<Compression> compression = text.flatMap(Compression::byId);
        if (text.isPresent() && compression.isEmpty()) {
            problems.add(entry.origin(), "unknown compression '" + text.get() + "': use "
                    + ValueReader.listed(COMPRESSIONS));
        }
        return compression;
    }
}
