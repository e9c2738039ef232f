package dev.lifeboat.cli;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.port.in.BackupPlan;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.service.CreateBackupService;
import dev.lifeboat.domain.service.PruneBackupsService;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat backup}: one database into the repository. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up a database into the repository as one archive, with its checksum sidecar.",
                "The backup is a consistent snapshot even while other processes write to the database."},
        footer = {"", "Examples:",
                "  lifeboat backup app.db                       a SQLite file into ./backups",
                "  lifeboat backup --verify app.db              and prove right away that it restores",
                "  lifeboat backup --dry-run app.db             the archive and the space it needs; writes nothing",
                "  DATABASE_URL=sqlite:app.db lifeboat backup   the database from the environment (or .env)",
                "  lifeboat backup app.db --keep-daily 7 --keep-weekly 4   and prune this database's older backups",
                "  lifeboat backup sqlite:/srv/app.db --label nightly --repo /var/backups/app"})
final class BackupCommand extends LifeboatSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DB",
            description = {"The database: a SQLite file (path, sqlite:PATH or jdbc:sqlite:PATH).",
                    "Default: $DATABASE_URL, else DATABASE_URL in .env.local or .env."})
    String database;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--engine", paramLabel = "ID", description = "The engine, when the location alone does not say (see 'lifeboat engines').")
    String engine;

    @Option(names = "--label", paramLabel = "LABEL", description = "A label in the archive name, such as nightly.")
    String label;

    @Option(names = "--compression", paramLabel = "ALGORITHM", defaultValue = "zstd",
            description = "zstd (default), gzip or none. Each part is compressed on its own.")
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
    RetentionOptions keep;

    @Override
    public Integer call() {
        RetentionPolicy policy = keep.policy();
        CreateBackupCommand command = new CreateBackupCommand(context().database(database), Optional.ofNullable(engine),
                Optional.ofNullable(label), compressionSettings(), lockTimeout.timeout, verify, Map.of());
        // a database no engine can use is reported before the repository is created, so nothing changes on disk
        context().adapters().engines().forLocation(command.source(), command.engineId());
        BackupRepository target = context().repository(repository, true);
        CreateBackupService service = context().createBackupService(target);
        if (dryRun) {
            return showPlan(service.plan(command));
        }
        BackupReport report = service.backup(command, context().progress(output));
        report.notices().forEach(this::notice);
        report.manifest().warnings().forEach(this::warn);
        Optional<PruneReport> pruned = Optional.empty();
        Optional<LifeboatException> pruneFailure = Optional.empty();
        if (!policy.isEmpty()) {
            try {
                // only after a backup that succeeded, and only this backup's group
                pruned = Optional.of(new PruneBackupsService(context().adapters().codec(), target).prune(
                        new dev.lifeboat.domain.port.in.PruneCommand(policy, GroupField.DEFAULT,
                                Optional.of(report.archive().name().value()), false, lockTimeout.timeout)));
            } catch (LifeboatException e) {
                pruneFailure = Optional.of(e);
            }
        }
        if (output.json) {
            Map<String, Object> document = JsonDocuments.backup(report);
            pruned.ifPresent(prune -> document.put("prune", JsonDocuments.prune(prune)));
            pruneFailure.ifPresent(failure -> document.putAll(ErrorReporter.errorDocument(failure.code(),
                    failure.status(), "the backup was written, but pruning failed: " + failure.getMessage())));
            printJson(document);
        } else {
            describe(report, out());
            pruned.ifPresent(prune -> out().printf("  pruned     removed %d older backups of this group, kept %d (%s)%n",
                    prune.removedCount(), prune.keptCount(), prune.policy()));
            out().flush();
        }
        if (pruneFailure.isPresent()) {
            context().environment().err().println("lifeboat: the backup was written, but pruning failed: "
                    + pruneFailure.get().getMessage());
            context().environment().err().flush();
            return pruneFailure.get().status().code();
        }
        return 0;
    }

    private CompressionSettings compressionSettings() {
        Compression algorithm = Compression.byId(compression).orElseThrow(() -> new InvalidUsageException(
                "unknown compression '" + compression + "': use zstd, gzip or none"));
        if (algorithm == Compression.NONE && level != null) {
            throw new InvalidUsageException("--level has no meaning with --compression none");
        }
        return new CompressionSettings(algorithm, level == null ? algorithm.defaultLevel() : level);
    }

    private int showPlan(BackupPlan plan) {
        if (output.json) {
            printJson(JsonDocuments.backupPlan(plan));
        } else {
            PrintWriter out = out();
            out.printf("Would back up %s (%s %s): %s, %s, %s%n", plan.database().databaseName(),
                    plan.database().engineId(), plan.database().engineVersion(), Units.bytes(plan.database().sizeBytes()),
                    Units.plural(plan.database().tables().size(), "table", "tables"),
                    Units.plural(plan.database().totalRows(), "row", "rows"));
            out.printf("  archive    %s/%s (%s level %d)%n", plan.repository(), plan.archiveName(),
                    plan.compression().compression().id(), plan.compression().level());
            out.printf("  space      %s needed, %s free%n", Units.bytes(plan.requiredBytes()),
                    Units.bytes(plan.availableBytes()));
            out.println("Nothing was written (--dry-run).");
            out.flush();
        }
        if (!plan.enoughSpace()) {
            throw InsufficientSpaceException.beforeWriting(plan.repository(), plan.requiredBytes(), plan.availableBytes());
        }
        return 0;
    }

    static void describe(BackupReport report, PrintWriter out) {
        Manifest manifest = report.manifest();
        out.printf("Backed up %s (%s %s) to %s%n", manifest.databaseName(), manifest.engineId(),
                manifest.engineVersion(), report.archive().location());
        out.printf("  database   %s, %s, %s%n", Units.bytes(manifest.source().sizeBytes()),
                Units.plural(manifest.fingerprint().tables().size(), "table", "tables"),
                Units.plural(manifest.fingerprint().totalRows(), "row", "rows"));
        out.printf("  archive    %s, %s level %s, ratio %s%n", Units.bytes(report.archive().sizeBytes()),
                manifest.options().get("compression"), manifest.options().get("compression-level"),
                Units.ratio(manifest.rawSize(), report.archive().sizeBytes()));
        out.printf("  took       %s%n", Units.duration(report.duration()));
        report.verification().ifPresent(verification -> out.printf("  verified   %d checks passed, restored into scratch space%n",
                verification.checks().size()));
        out.flush();
    }
}
