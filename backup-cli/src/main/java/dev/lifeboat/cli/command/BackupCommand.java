package dev.lifeboat.cli.command;

import dev.lifeboat.cli.notify.Notifications;
import dev.lifeboat.cli.notify.Pings;
import dev.lifeboat.cli.output.ErrorReporter;
import dev.lifeboat.cli.output.JsonText;
import dev.lifeboat.cli.settings.Resolved;
import dev.lifeboat.cli.settings.SettingsResolver;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.RetentionPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lifeboat backup}: one database, or every database of the configuration file, into the repository. This class
 * holds the options and the run of one database with its pings and notifications; {@link BackupTargets} decides what
 * is backed up with which settings, {@link BackupAllRun} runs {@code --all}, and {@link BackupRun} is one database's
 * backup and prune.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up a database into the repository as one archive, with its checksum sidecar.",
                "The backup is a consistent snapshot even while other processes write to the database.",
                "Settings come from the command line first, then the environment, then the configuration file (the "
                + "database's own section before the file's defaults), then lifeboat's defaults."},
        footer = {"", "Examples:",
                "  lifeboat backup app.db                       a SQLite file into ./backups",
                "  lifeboat backup --verify app.db              and prove right away that it restores",
                "  lifeboat backup --dry-run app.db             the archive and the space it needs; writes nothing",
                "  lifeboat backup app.db --keep-daily 7 --keep-weekly 4   and prune this database's older backups",
                "  lifeboat backup shop                         the database named shop in lifeboat.toml",
                "  lifeboat backup --all --notify https://hooks.example.com/lifeboat   every configured database; alert on failure",
                "  lifeboat backup --all --ping https://hc-ping.com/UUID   healthchecks.io: /start, then success or /fail",
                "  lifeboat backup app.db --encrypt-to age1... --encrypt-to age1...   encrypted to two public keys",
                "  DATABASE_URL=sqlite:app.db lifeboat backup   the database from the environment (or .env)",
                "  lifeboat backup --env dev                    the database of DEV_DB_HOST, DEV_DB_NAME, ... (or .env), label dev",
                "  PGPASSWORD=... lifeboat backup --jobs 4 postgresql://app@db.example.com/shop   a PostgreSQL database"})
final class BackupCommand extends LifeboatSubcommand implements EngineOptionArguments.Holder {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DB",
            description = {"The database: a name from the configuration file, or a location in one of the forms "
                    + "'lifeboat engines' lists for each engine (a file path, a URL such as scheme://USER@HOST/DB).",
                    "Default: $DATABASE_URL, else DATABASE_URL in .env.local or .env, else the PostgreSQL database "
                    + "of DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD (see --env)."})
    String database;

    @Option(names = "--all", description = "Back up every database of the configuration file, in its order, going on "
            + "past a failure; the exit status is that of the first failure.")
    boolean all;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--engine", paramLabel = "ID", description = "The engine, when the location alone does not say (see 'lifeboat engines').")
    String engine;

    @Option(names = "--label", paramLabel = "LABEL", description = "A label in the archive name, such as nightly.")
    String label;

    @Option(names = "--env", paramLabel = "ENV", description = "dev, prod or auto (the default: $ENV_MODE, else prod). "
            + "With no database given and no DATABASE_URL, the database is built from DB_HOST, DB_PORT, DB_NAME, DB_USER "
            + "and DB_PASSWORD (dev: DEV_DB_*) in the environment, .env.local or .env, and the environment becomes "
            + "the label unless --label is given.")
    String env;

    @Option(names = "--compression", paramLabel = "ALGORITHM",
            description = "zstd (the default), gzip or none. Each part is compressed on its own.")
    String compression;

    @Option(names = "--level", paramLabel = "N", description = "Compression level: zstd 1-19 (default 3), gzip 1-9 (default 6).")
    Integer level;

    @Option(names = "--verify", description = "Verify deeply right after writing: restore into scratch space and compare. A backup that fails is removed (exit 6).")
    boolean verify;

    @Option(names = "--dry-run", description = "Show what would be written and the space needed; write nothing.")
    boolean dryRun;

    @Mixin
    LockTimeoutOption lockTimeout;

    @Mixin
    PasswordFileOption password;

    final EngineOptionArguments engineOptions = new EngineOptionArguments();

    @Override
    public EngineOptionArguments engineOptions() {
        return engineOptions;
    }

    @Mixin
    RetentionOptions keep;

    @Option(names = "--encrypt-to", paramLabel = "RECIPIENT", description = "Encrypt the archive to this public key "
            + "(age1..., as age-keygen or 'lifeboat key generate' print it); repeat it for more keys, such as an "
            + "operations key and an offline recovery key. Any one of their identities decrypts. The archive is then "
            + "NAME.lifeboat.tar.age, and this host never needs a secret key. Default: the configuration file's "
            + "[encryption] recipients.")
    List<String> encryptTo;

    @Option(names = "--recipients-file", paramLabel = "FILE", description = "Encrypt to the public keys in FILE, one "
            + "a line; blank lines and lines starting with # are left out. Together with --encrypt-to.")
    String recipientsFile;

    @Mixin
    IdentityOption identity;

    @Option(names = "--notify", paramLabel = "URL", description = "POST the run's JSON result to this http(s) URL "
            + "(default: $" + SettingsResolver.NOTIFY_VARIABLE + ", else the configuration file's). A notification that "
            + "fails is reported but never fails the backup.")
    String notify;

    @Option(names = "--notify-on", paramLabel = "WHEN", description = "failure (the default): only when the run "
            + "failed; always: after every run, as a heartbeat.")
    String notifyOn;

    private Map<String, Object> failureContext = Map.of("command", "backup");

    @Override
    public Map<String, Object> failureContext() {
        return failureContext;
    }

    @Mixin
    PingOption ping;

    /** The run between a healthchecks-style start ping and its end ping (see {@link Pings}), when --ping asks. */
    @Override
    public Integer call() {
        Pings pings = ping.pings(context());
        if (!dryRun) {
            pings.start();
        }
        int status;
        try {
            status = backup();
        } catch (RuntimeException e) {
            if (!dryRun) {
                pings.finish(false, JsonText.of(ErrorReporter.failureDocument(e, output.verbose,
                        failureContext)));
            }
            throw e;
        }
        if (!dryRun) {
            pings.finish(status == 0, "{\"command\": \"backup\", \"exitCode\": " + status + "}\n");
        }
        return status;
    }

    private int backup() {
        // the user's typing is checked before any database or file is looked at
        RetentionPolicy flagRetention = keep.policy();
        SettingsResolver resolver = context().settings();
        resolver.compression(Optional.ofNullable(compression), Optional.ofNullable(level), ConfiguredSettings.none());
        resolver.notification(Optional.ofNullable(notify), Optional.ofNullable(notifyOn), ConfiguredSettings.none());
        context().keys().recipients(encryptTo, recipientsFile, ConfiguredSettings.none());
        Notifications notifications = new Notifications(context().environment().err());
        BackupTargets targets = new BackupTargets(this);
        if (all) {
            if (database != null) {
                throw new InvalidUsageException("give either a database or --all, not both");
            }
            targets.requireNoEnv();
            return new BackupAllRun(this, targets, notifications).run(flagRetention);
        }
        failureContext = runContext(database == null ? "DATABASE_URL" : BackupTargets.withoutPassword(database));
        Optional<Notification> notification = Optional.empty();
        try {
            // where a failure is sent is decided first, so even a database or configuration that cannot be used is
            // told: the flags and the environment, then (if the file can be read) the file's defaults
            notification = context().settings().notification(Optional.ofNullable(notify), Optional.ofNullable(notifyOn),
                    ConfiguredSettings.none()).map(Resolved::value);
            notification = defaultNotification();
            BackupTarget target = targets.single(flagRetention);
            notification = target.notification();
            failureContext = runContext(target.name());
            BackupRun.Outcome outcome = new BackupRun(context(), output, target, verify, dryRun).execute();
            show(outcome);
            outcome.failure().ifPresent(failure -> {
                context().environment().err().println("lifeboat: " + failure.getMessage());
                context().environment().err().flush();
            });
            if (!dryRun) {
                notifications.send(notification, outcome.document(), outcome.failure().isPresent());
            }
            return outcome.exitCode();
        } catch (RuntimeException e) {
            notifications.send(notification, ErrorReporter.failureDocument(e, output.verbose, failureContext), true);
            throw e;
        }
    }

    private void show(BackupRun.Outcome outcome) {
        if (output.json) {
            printJson(outcome.document());
        } else {
            outcome.describe(out());
            out().flush();
        }
        outcome.notices().forEach(this::notice);
        outcome.warnings().forEach(this::warn);
    }

    /** Where a failure goes before the database is known: the flags, the environment, the file's defaults. */
    private Optional<Notification> defaultNotification() {
        return context().settings().notification(Optional.ofNullable(notify), Optional.ofNullable(notifyOn),
                context().configuredDefaults(repository)).map(Resolved::value);
    }

    static Map<String, Object> runContext(String target) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("command", "backup");
        context.put("target", target);
        return context;
    }
}
