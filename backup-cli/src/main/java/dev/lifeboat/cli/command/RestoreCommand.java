package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.Terminal;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.policy.SchemaVersionGuard;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.PreparedRestore;
import dev.lifeboat.domain.port.in.RestoreBackupCommand;
import dev.lifeboat.domain.port.in.RestoreBackupUseCase;
import dev.lifeboat.domain.port.in.RestorePlan;
import dev.lifeboat.domain.port.in.RestoreReport;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat restore}: a backup back into a database, all or nothing. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        header = "Restore a backup, all or nothing, never losing the data it replaces.",
        description = {"Restore a backup. The data is written beside the target and checked (checksums, integrity, "
                + "the fingerprint recorded at backup time) before it replaces anything: a failed restore leaves the "
                + "target exactly as it was.",
                "A target that holds data is replaced only with --overwrite, and only after its current contents "
                + "were backed up into the repository with the label pre-restore (encrypted to the configuration "
                + "file's [encryption] recipients, when it has some). Replacing data asks for "
                + "confirmation on a terminal; elsewhere it needs --yes (else exit 7)."},
        footer = {"", "Examples:",
                "  lifeboat restore latest:app restored.db        the newest backup of app, into a new file",
                "  lifeboat restore latest:app --overwrite        back where it came from, replacing it",
                "  lifeboat restore --dry-run latest:app app.db   say what would happen; change nothing",
                "  lifeboat restore app_2026-11-24T10-58-24Z.lifeboat.tar app.db --overwrite --yes",
                "  lifeboat restore --jobs 4 latest:shop postgresql://app@db.example.com/shop_copy   a new database",
                "  lifeboat restore --identity key.txt latest:app restored.db   an encrypted backup (.lifeboat.tar.age)",
                "",
                "An encrypted backup is decrypted whole into scratch space, and used only once all of it authenticated; "
                + "the decrypted copy is deleted afterwards.",
                "",
                "PostgreSQL: a missing target database is created (template0, the source's encoding and locale). The "
                + "data is loaded into a scratch database, checked there, and then takes the target's name; the "
                + "database it replaces is kept as NAME_before_restore_TIME unless --drop-previous."})
final class RestoreCommand extends LifeboatSubcommand implements EngineOptionArguments.Holder {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "An archive name, a path to an archive, latest or latest:NAME.")
    String backup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET",
            description = "Where to restore: a location, as for backup ('lifeboat engines' lists the forms). "
                    + "Default: where the backup was taken from.")
    String target;

    @Option(names = "--overwrite", description = "Replace a target that holds data (its contents are backed up first).")
    boolean overwrite;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show what the restore would do; change nothing.")
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

    @Option(names = "--max-schema-version", paramLabel = "V", description = "Refuse (exit 8) a backup whose schema "
            + "version (SQLite user_version, the newest Flyway migration or Liquibase changeset) is newer than V, or "
            + "cannot be shown not to be. Numbers compared per dotted segment: 1.10 is newer than 1.9. Default: the "
            + "database's max-schema-version in the configuration file.")
    String maxSchemaVersion;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    IdentityOption identity;

    @Override
    public Integer call() {
        CommandContext.ArchiveSelection selection = context().archive(backup, repository);
        // the pre-restore backup goes into the configured repository, which an archive given by path may not be in
        BackupRepository safetyRepository = selection.inRepository() || !overwrite ? selection.repository()
                : context().repository(repository, true);
        RestoreBackupUseCase service = context().useCases().restoreBackup(selection.repository(), safetyRepository,
                context().identityFile(identity, repository));
        Duration lockWait = context().settings().lockTimeout(Optional.ofNullable(lockTimeout.timeout),
                context().configuredDefaults(repository)).value();
        // the data a restore replaces is backed up encrypted when the configuration encrypts backups
        List<Recipient> safetyRecipients = context().keys().recipients(null, null,
                context().configuredDefaults(repository));
        RestoreBackupCommand command = new RestoreBackupCommand(selection.reference(),
                Optional.ofNullable(target).map(DatabaseLocation::parse)
                        .map(location -> password.withPassword(location, context().environment())),
                overwrite, lockWait, engineOptions.values(), safetyRecipients)
                .withMaxSchemaVersion(schemaVersionLimit(selection.reference()));
        RestoreReport report;
        // the archive the plan found and the user confirmed is the one restored, opened (and decrypted) once
        try (PreparedRestore prepared = service.prepare(command)) {
            RestorePlan plan = prepared.plan();
            if (dryRun) {
                showPlan(plan);
                return 0;
            }
            // said before any question, and with --yes too: a person may still stop here
            if (plan.schemaVersionDiffers()) {
                warn(schemaVersionChange(plan));
            }
            if (plan.replacesData()) {
                confirm(plan);
            }
            report = prepared.restore(context().progress(output));
        }
        report.warnings().forEach(this::warn);
        if (output.json) {
            printJson(JsonDocuments.restore(report));
        } else {
            describe(report, out());
        }
        return 0;
    }

    /**
     * The limit given on the command line, else the configuration file's for the database the backup belongs to:
     * the one named in latest:NAME (by its configured name or the name its backups are filed under), or the one
     * whose filed-under name starts the archive's name.
     */
    private Optional<SchemaVersionGuard> schemaVersionLimit(BackupReference reference) {
        if (maxSchemaVersion != null) {
            return Optional.of(new SchemaVersionGuard(maxSchemaVersion));
        }
        Optional<ConfiguredDatabase> database = context().configuration(repository).flatMap(configuration -> {
            if (reference instanceof BackupReference.Latest latest) {
                return latest.database().flatMap(name -> configuration.database(name).or(() -> configuration
                        .databases().stream().filter(candidate -> context().filedUnder(candidate).equals(name))
                        .findFirst()));
            }
            String archive = reference.toString();
            return configuration.databases().stream()
                    .filter(candidate -> archive.startsWith(context().filedUnder(candidate) + "_"))
                    .max(Comparator.comparingInt(candidate -> context().filedUnder(candidate).length()));
        });
        return database.flatMap(ConfiguredDatabase::maxSchemaVersion).map(limit -> new SchemaVersionGuard(limit.value()));
    }

    private static String schemaVersionChange(RestorePlan plan) {
        return "the schema version differs: the backup has " + plan.archiveSchemaVersion().map(Object::toString)
                .orElse("none recorded") + ", " + plan.target() + " has " + plan.targetSchemaVersion()
                .map(Object::toString).orElse("none recorded");
    }

    private void confirm(RestorePlan plan) {
        if (!overwrite) {
            throw new RefusedException(plan.target() + " already holds data; restore with --overwrite to replace it"
                    + " (its current contents are backed up first, labelled pre-restore)");
        }
        if (yes) {
            return;
        }
        Terminal terminal = context().environment().terminal();
        if (!terminal.interactive()) {
            throw new RefusedException("the restore would replace the data at " + plan.target()
                    + "; not on a terminal, so confirm with --yes");
        }
        String question = "Replace the data at " + plan.target() + " with " + plan.archive().name() + " (taken "
                + Units.utc(plan.manifest().createdAt()) + " UTC)?\nIts current contents are backed up first. [y/N] ";
        String answer = terminal.ask(question).orElse("").trim().toLowerCase(Locale.ROOT);
        if (!answer.equals("y") && !answer.equals("yes")) {
            throw new RefusedException("restore cancelled; nothing was changed");
        }
    }

    private void showPlan(RestorePlan plan) {
        if (output.json) {
            printJson(JsonDocuments.restorePlan(plan));
            return;
        }
        PrintWriter out = out();
        out.printf("Would restore %s (%s backup of %s, taken %s UTC)%n", plan.archive().name(), plan.manifest().engineId(),
                plan.manifest().databaseName(), Units.utc(plan.manifest().createdAt()));
        out.printf("  to         %s%n", plan.target());
        out.printf("  target     %s%n", switch (plan.targetState()) {
            case ABSENT -> "does not exist: it will be created";
            case EMPTY -> "exists but holds no data: it will be replaced";
            case OCCUPIED -> overwrite ? "holds data: it will be backed up (label pre-restore), then replaced"
                    : "holds data: the restore needs --overwrite";
        });
        out.printf("  schema     backup %s%s%n", plan.archiveSchemaVersion().map(Object::toString).orElse("none recorded"),
                plan.replacesData() ? ", target " + plan.targetSchemaVersion().map(Object::toString)
                        .orElse("none recorded") + (plan.schemaVersionDiffers() ? " (differs)" : " (same)") : "");
        out.println("Nothing was changed (--dry-run).");
        out.flush();
    }

    private static void describe(RestoreReport report, PrintWriter out) {
        out.printf("Restored %s to %s%n", report.archive().name(), report.target());
        out.printf("  data       %s, %s%n", Units.plural(report.manifest().fingerprint().tables().size(), "table", "tables"),
                Units.plural(report.manifest().fingerprint().totalRows(), "row", "rows"));
        out.printf("  checked    %s%n", report.checks().stream().map(VerificationCheck::name).collect(Collectors.joining(", ")));
        report.safetyBackup().ifPresent(safety -> out.printf("  previous   backed up as %s%n", safety.archive().location()));
        out.printf("  took       %s%n", Units.duration(report.duration()));
        out.flush();
    }
}
