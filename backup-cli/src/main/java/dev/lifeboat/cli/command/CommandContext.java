package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.output.TerminalProgress;
import dev.lifeboat.cli.output.VersionProvider;
import dev.lifeboat.cli.settings.ConfigurationFinder;
import dev.lifeboat.cli.settings.DotEnv;
import dev.lifeboat.cli.settings.SettingVariables;
import dev.lifeboat.cli.settings.SettingsResolver;
import dev.lifeboat.cli.wiring.Adapters;
import dev.lifeboat.cli.wiring.Plugins;
import dev.lifeboat.cli.wiring.UseCases;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the commands share: the environment, the adapters, and how user input becomes locations and references. */
public final class CommandContext {

    static final String DATABASE_URL = "DATABASE_URL";
    private static final int DEFAULT_TERMINAL_WIDTH = 120;

    private final Environment environment;
    private Adapters adapters;
    private Optional<Configuration> configuration = Optional.empty();
    private SettingVariables variables;
    private boolean configurationRead;
    private final Set<String> warnedSettings = new HashSet<>();
    private ArchiveKeysResolver keys;
    private UseCases useCases;

    public CommandContext(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    synchronized Adapters adapters() {
        if (adapters == null) {
            adapters = Adapters.discover(Plugins.of(environment));
        }
        return adapters;
    }

    /** A progress bar when stderr is a terminal and the user did not ask for quiet; otherwise none. */
    Progress progress(OutputOptions output) {
        if (output.quiet || !environment.terminal().stderrIsTerminal()) {
            return Progress.NONE;
        }
        int columns = environment.variable("COLUMNS").filter(value -> value.matches("\\d{2,4}"))
                .map(Integer::parseInt).orElse(DEFAULT_TERMINAL_WIDTH);
        return new TerminalProgress(environment.err(), environment.clock(), columns);
    }

    /**
     * The configuration file, read once: --config, $LIFEBOAT_CONFIG, ./lifeboat.toml, the user's config directory;
     * empty when there is none. Its warnings are told once.
     */
    synchronized Optional<Configuration> configuration(RepositoryOptions options) {
        if (!configurationRead) {
            configurationRead = true;
            configuration = new ConfigurationFinder(environment, adapters().configurationReader())
                    .find(Optional.ofNullable(options.configFile));
            configuration.ifPresent(found -> found.warnings().forEach(warning -> {
                environment.err().println("warning: " + warning);
                environment.err().flush();
            }));
        }
        return configuration;
    }

    /** The recipients and identities of encrypted archives. */
    synchronized ArchiveKeysResolver keys() {
        if (keys == null) {
            keys = new ArchiveKeysResolver(this);
        }
        return keys;
    }

    /** The identity file of a run that reads archives: --identity, the environment or the file's defaults. */
    Optional<IdentityFile> identityFile(IdentityOption identity, RepositoryOptions options) {
        return keys().identityFile(identity, configuredDefaults(options));
    }

    /** The use cases, built from the adapters on first use. */
    synchronized UseCases useCases() {
        if (useCases == null) {
            useCases = new UseCases(adapters(), environment.clock(), VersionProvider.version());
        }
        return useCases;
    }

    SettingsResolver settings() {
        return new SettingsResolver(environment);
    }

    /** The settings the configuration file gives for every database; none without a file. */
    ConfiguredSettings configuredDefaults(RepositoryOptions options) {
        return configuration(options).map(Configuration::defaults).orElse(ConfiguredSettings.none());
    }

    /**
     * The repository: --repo, else $LIFEBOAT_REPO, else the configuration file's, else ./backups; relative paths
     * from the working directory, URLs (s3://bucket/prefix) as written.
     */
    BackupRepository repository(RepositoryOptions options, boolean create) {
        return repository(options, create, configuredDefaults(options));
    }

    /** The repository for one configured database, whose own settings come before the file's defaults. */
    BackupRepository repository(RepositoryOptions options, boolean create, ConfiguredSettings configured) {
        String location = settings().repository(Optional.ofNullable(options.directory), configured).value();
        if (location.isBlank()) {
            throw new InvalidUsageException("--repo must name a directory or a URL such as s3://bucket/prefix");
        }
        return open(resolve(location), options, create);
    }

    /**
     * A repository named on the command line other than by --repo (the target of a copy), opened with the settings
     * of its kind as the repository of --repo would be.
     *
     * @param option the option that named it, for the message when it is empty
     */
    BackupRepository repositoryAt(String location, String option, RepositoryOptions options, boolean create) {
        if (location.isBlank()) {
            throw new InvalidUsageException(option + " must name a directory or a URL such as s3://bucket/prefix");
        }
        return open(resolve(location), options, create);
    }

    /**
     * Opens a repository with the settings its kind declares, resolved from the environment and the configuration
     * file's table for the kind. The file is read only for a kind that declares settings. A repository opened for
     * writing says what it guarantees less firmly than a directory (an object store without conditional writes).
     */
    private BackupRepository open(String location, RepositoryOptions options, boolean create) {
        BackupRepositoryProvider provider = adapters().repositoryProvider(location);
        if (provider.settings().isEmpty()) {
            return provider.open(location, RepositorySettings.none(), create);
        }
        Map<String, Configured<String>> file = configuration(options)
                .map(found -> found.repositorySettings(provider.id())).orElse(Map.of());
        warnAboutUnknownSettings(provider, file);
        BackupRepository repository = provider.open(location,
                SettingsResolver.values(settings().repositorySettings(provider, file)), create);
        if (create) {
            repository.warnings().forEach(warning -> {
                environment.err().println("warning: " + warning);
                environment.err().flush();
            });
        }
        return repository;
    }

    /** A key the file's table has but this build's kind does not read: the configuration reader knows more. */
    private void warnAboutUnknownSettings(BackupRepositoryProvider provider, Map<String, Configured<String>> file) {
        file.forEach((key, value) -> {
            if (provider.settings().stream().noneMatch(setting -> setting.name().equals(key))
                    && warnedSettings.add(value.origin().toString())) {
                environment.err().println("warning: " + value.origin() + ": the " + provider.id() + " repository of "
                        + "this lifeboat has no such setting; it is not used");
                environment.err().flush();
            }
        });
    }

    /** Variables as the environment, then .env.local, then .env give them. */
    synchronized SettingVariables variables() {
        if (variables == null) {
            variables = new SettingVariables(environment);
        }
        return variables;
    }

    /** Whether DATABASE_URL is set, in the environment or in .env.local or .env. */
    boolean hasDatabaseUrl() {
        return variables().get(DATABASE_URL).isPresent();
    }

    /** The database to back up: the argument, else $DATABASE_URL, else DATABASE_URL from .env.local or .env. */
    DatabaseLocation database(String argument) {
        if (argument != null) {
            if (argument.isBlank()) {
                throw new InvalidUsageException("the database argument is empty; name a database, or leave the argument "
                        + "out to use " + DATABASE_URL);
            }
            return DatabaseLocation.parse(argument);
        }
        return environment.variable(DATABASE_URL)
                .or(() -> DotEnv.lookup(environment.workingDirectory(), DATABASE_URL))
                .map(DatabaseLocation::parse)
                .orElseThrow(() -> new InvalidUsageException("no database given: name one (lifeboat backup app.db) or set "
                        + DATABASE_URL + ", or DB_HOST and DB_NAME (DEV_DB_* with --env dev), in the environment or"
                        + " in .env"));
    }

    /**
     * Where a backup named by the user is: a path to an archive file (its directory is opened as a repository, read
     * only), or a name, {@code latest} or {@code latest:NAME} in the repository.
     */
    ArchiveSelection archive(String argument, RepositoryOptions options) {
        if (!argument.equals("latest") && !argument.startsWith("latest:") && (argument.contains("/") || argument.contains(java.io.File.separator)
                || Files.isRegularFile(environment.workingDirectory().resolve(argument)))) {
            Path file = environment.workingDirectory().resolve(argument).normalize();
            if (Files.isDirectory(file)) {
                throw new UnavailableException(file + " is a directory, not an archive file: name an archive in it, "
                        + "or give the directory as the repository with --repo");
            }
            if (!Files.isRegularFile(file)) {
                throw new UnavailableException("no such archive file: " + file);
            }
            if (!BackupName.isArchiveName(file.getFileName().toString())) {
                throw new InvalidUsageException(file + " is not named like a lifeboat archive (NAME"
                        + BackupName.SUFFIX + ", or NAME" + BackupName.ENCRYPTED_SUFFIX + " when encrypted); lifeboat "
                        + "reads archives under the names it gave them, so rename it back");
            }
            BackupRepository directory = open(file.getParent().toString(), options, false);
            return new ArchiveSelection(directory, new BackupReference.Named(file.getFileName().toString()), false);
        }
        return new ArchiveSelection(repository(options, false), byFiledName(BackupReference.parse(argument), options),
                true);
    }

    /**
     * {@code latest:NAME} for a database of the configuration file whose backups are filed under another name (a
     * database configured as {@code prod} at {@code postgresql://.../shop} is backed up as {@code shop_...}): the
     * newest backup under that name.
     */
    private BackupReference byFiledName(BackupReference reference, RepositoryOptions options) {
        if (reference instanceof BackupReference.Latest latest && latest.database().isPresent()) {
            return new BackupReference.Latest(Optional.of(filedName(latest.database().get(), options)));
        }
        return reference;
    }

    /**
     * The name the backups of a database the user named are filed under: a database of the configuration file's (see
     * {@link #filedUnder}), else the name itself, as archives name their database.
     */
    String filedName(String database, RepositoryOptions options) {
        Optional<Configuration> configuration = configuration(options);
        Optional<ConfiguredDatabase> configured = configuration.flatMap(found -> found.database(database));
        if (configured.isEmpty()) {
            return database;
        }
        requireOwnFiling(configuration.get(), configured.get(), options);
        return filedUnder(configured.get());
    }

    /**
     * The name a configured database's backups are filed under: its engine's name for it (a file's name without its
     * extension, a URL's database), which the configuration's name for it need not be; the configuration's name where
     * the engine cannot tell from the location alone.
     */
    String filedUnder(ConfiguredDatabase configured) {
        DatabaseLocation location = DatabaseLocation.parse(configured.location().value());
        return adapters().engines().forLocation(location, configured.engine().map(Configured::value))
                .databaseName(location).orElse(configured.name());
    }

    /**
     * Refuses a configured database whose backups would be filed under the same name, in the same repository, as
     * those of another configured database at another location ({@code /a/app.db} and {@code /b/app.db}, or a
     * database {@code shop} on two servers): retention would remove the one's backups for the other's, and
     * {@code latest:NAME}, {@code check} and {@code restore} could not tell them apart.
     *
     * @throws InvalidUsageException naming both databases and what to change
     */
    void requireOwnFiling(Configuration configuration, ConfiguredDatabase configured, RepositoryOptions options) {
        Optional<String> name = filedUnderIfUsable(configured);
        if (name.isEmpty()) {
            return;
        }
        String repository = repositoryLocation(options, configuration.settingsFor(configured));
        for (ConfiguredDatabase other : configuration.databases()) {
            if (other.name().equals(configured.name())
                    || other.location().value().equals(configured.location().value())) {
                continue;
            }
            if (filedUnderIfUsable(other).equals(name)
                    && repositoryLocation(options, configuration.settingsFor(other)).equals(repository)) {
                throw new InvalidUsageException(configuration.file() + ": databases." + configured.name() + " and "
                        + "databases." + other.name() + " are different databases whose backups are both filed under "
                        + "the name '" + name.get() + "' in " + repository + ": retention would remove the one's "
                        + "backups for the other's, and latest:" + name.get() + " could be either. Give one of them a "
                        + "repository of its own (repository = ... in its table), or rename one");
            }
        }
    }

    /** As {@link #filedUnder}; empty for a database that cannot be used, which says so when it is used. */
    private Optional<String> filedUnderIfUsable(ConfiguredDatabase configured) {
        try {
            return Optional.of(filedUnder(configured));
        } catch (LifeboatException e) {
            return Optional.empty();
        }
    }

    private String repositoryLocation(RepositoryOptions options, ConfiguredSettings configured) {
        return resolve(settings().repository(Optional.ofNullable(options.directory), configured).value());
    }

    /**
     * Where a deep verification of a selected archive restores its scratch copy: beside the archive, unless that is
     * read-only (an archive on write-protected media), then in the configured repository.
     */
    BackupRepository scratchFor(ArchiveSelection selection, RepositoryOptions options) {
        if (selection.inRepository() || Files.isWritable(Path.of(selection.repository().location()))) {
            return selection.repository();
        }
        return repository(options, true);
    }

    /** A plain relative path is taken from the working directory; URLs and URIs (file:/x, s3://b) go as written. */
    private String resolve(String location) {
        if (location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return location;
        }
        return environment.workingDirectory().resolve(location).normalize().toString();
    }

    /**
     * A backup the user named, and the repository it is in.
     *
     * @param repository   where it is
     * @param reference    which one
     * @param inRepository whether the repository is the configured one (not just the directory of a file)
     */
    record ArchiveSelection(BackupRepository repository, BackupReference reference, boolean inRepository) {
    }
}
