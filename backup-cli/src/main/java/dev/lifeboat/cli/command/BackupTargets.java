package dev.lifeboat.cli.command;

import dev.lifeboat.cli.settings.EnvironmentDatabase;
import dev.lifeboat.cli.settings.Resolved;
import dev.lifeboat.cli.settings.SecretResolver;
import dev.lifeboat.cli.settings.SettingsResolver;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.policy.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what one backup run backs up and how: the database named on the command line or in the configuration file,
 * DATABASE_URL, or the DB_* variables, with every setting taken from the flags, the environment, the configuration
 * file (the database's own section before the defaults) and lifeboat's defaults, in that order.
 */
final class BackupTargets {

    private final BackupCommand command;
    private final CommandContext context;

    BackupTargets(BackupCommand command) {
        this.command = command;
        this.context = command.context();
    }

    /** The single database of this run: a configured name, a location, DATABASE_URL, or DB_* variables. */
    BackupTarget single(RetentionPolicy flagRetention) {
        Optional<Configuration> configuration = context.configuration(command.repository);
        if (command.database != null && configuration.isPresent()) {
            Optional<ConfiguredDatabase> configured = configuration.get().database(command.database);
            if (configured.isPresent()) {
                requireNoEnv();
                return configured(configuration.get(), configured.get(), flagRetention);
            }
        }
        if (command.database == null && !context.hasDatabaseUrl()) {
            Optional<BackupTarget> fromVariables = environmentTarget(configuration, flagRetention);
            if (fromVariables.isPresent()) {
                return fromVariables.get();
            }
        }
        requireNoEnv();
        DatabaseLocation location = command.password.withPassword(context.database(command.database),
                context.environment());
        // a database the engines cannot use is reported before the repository is opened
        context.adapters().engines().forLocation(location, Optional.ofNullable(command.engine));
        ConfiguredSettings defaults = configuration.map(Configuration::defaults).orElse(ConfiguredSettings.none());
        return resolve(command.database == null ? location.toString() : withoutPassword(command.database), location,
                Optional.ofNullable(command.engine),
                Optional.ofNullable(command.label), Map.of(), defaults, flagRetention);
    }

    /** The database DB_* (or DEV_DB_*) variables describe, labelled with its environment; empty when none are set. */
    private Optional<BackupTarget> environmentTarget(Optional<Configuration> configuration,
                                                     RetentionPolicy flagRetention) {
        EnvironmentDatabase.Resolved mode = EnvironmentDatabase.Mode.resolve(command.env, context.variables());
        Optional<EnvironmentDatabase> found = EnvironmentDatabase.find(mode.mode(), context.variables());
        if (found.isEmpty()) {
            if (command.env != null) {
                throw new InvalidUsageException("--env " + command.env + " reads " + mode.mode().prefix() + "HOST, "
                        + mode.mode().prefix() + "NAME and the like, and none of them is set in the environment, "
                        + ".env.local or .env");
            }
            return Optional.empty();
        }
        EnvironmentDatabase described = found.get();
        if (described.mode() == EnvironmentDatabase.Mode.PROD && described.onLocalhost()) {
            command.warn("a prod backup of a database on this machine (" + described.hostSetting() + "): if this "
                    + "is not production, use --env dev; if it is, check that " + described.mode().prefix()
                    + "HOST is right");
        }
        DatabaseLocation location = command.password.withPassword(described.location(), context.environment());
        context.adapters().engines().forLocation(location, Optional.ofNullable(command.engine));
        ConfiguredSettings defaults = configuration.map(Configuration::defaults).orElse(ConfiguredSettings.none());
        return Optional.of(resolve(location.toString(), location, Optional.ofNullable(command.engine),
                Optional.of(Optional.ofNullable(command.label).orElse(described.mode().label())), Map.of(), defaults,
                flagRetention));
    }

    /** --env describes a database only when none is named: with a name or --all it is a mistake. */
    void requireNoEnv() {
        if (command.env != null) {
            throw new InvalidUsageException("--env picks the DB_* or DEV_DB_* variables, which describe the database"
                    + " only when none is given and DATABASE_URL is not set; use --label to label this backup");
        }
    }

    /** A database of the configuration file, its own settings before the file's defaults. */
    BackupTarget configured(Configuration configuration, ConfiguredDatabase configured, RetentionPolicy flagRetention) {
        context.requireOwnFiling(configuration, configured, command.repository);
        DatabaseLocation location = DatabaseLocation.parse(configured.location().value());
        if (configured.password().isPresent() && location.password().isEmpty()) {
            location = location.withPassword(new SecretResolver(context.environment())
                    .resolve(configured.password().get()));
        }
        location = command.password.withPassword(location, context.environment());
        return resolve(configured.name(), location,
                Optional.ofNullable(command.engine).or(() -> configured.engine().map(Configured::value)),
                Optional.ofNullable(command.label).or(() -> configured.label().map(Configured::value)),
                configured.engineOptions(), configuration.settingsFor(configured), flagRetention);
    }

    private BackupTarget resolve(String name, DatabaseLocation location, Optional<String> engineId,
                                 Optional<String> archiveLabel, Map<String, String> engineOptions,
                                 ConfiguredSettings settings, RetentionPolicy flagRetention) {
        SettingsResolver resolver = context.settings();
        Optional<Notification> notification = resolver.notification(Optional.ofNullable(command.notify),
                Optional.ofNullable(command.notifyOn), settings).map(Resolved::value);
        // a given --lock-timeout also bounds the waits for locks inside the database, for engines that take them
        Map<String, String> options = command.engineOptions.forBackup(context.adapters().engines()
                .forLocation(location, engineId), engineOptions, Optional.ofNullable(command.lockTimeout.timeout));
        List<Recipient> recipients = context.keys().recipients(command.encryptTo, command.recipientsFile, settings);
        return new BackupTarget(name, location, engineId, archiveLabel, options,
                context.repository(command.repository, true, settings),
                resolver.compression(Optional.ofNullable(command.compression), Optional.ofNullable(command.level),
                        settings).value(),
                resolver.lockTimeout(Optional.ofNullable(command.lockTimeout.timeout), settings).value(),
                resolver.retention(flagRetention, settings).value(), notification, recipients,
                context.keys().identityFile(command.identity, settings));
    }

    /**
     * The database as the user gave it, for output and notifications: a location's password is taken out (a
     * configured name or a file path comes back as it is).
     */
    static String withoutPassword(String given) {
        return given.isBlank() ? given : DatabaseLocation.parse(given).toString();
    }
}
