package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.ErrorReporter;
import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.port.in.BackupPlan;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.CreateBackupUseCase;
import dev.lifeboat.domain.port.in.PruneCommand;
import dev.lifeboat.domain.port.in.PruneReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One database's backup run: the backup (or its plan, for a dry run), the prune of its group that retention asks
 * for, and the notification of the result.
 */
final class BackupRun {

    private final CommandContext context;
    private final OutputOptions output;
    private final BackupTarget target;
    private final boolean verify;
    private final boolean dryRun;

    BackupRun(CommandContext context, OutputOptions output, BackupTarget target, boolean verify, boolean dryRun) {
        this.context = context;
        this.output = output;
        this.target = target;
        this.verify = verify;
        this.dryRun = dryRun;
    }

    /**
     * What a run produced.
     *
     * @param document the JSON document of the run
     * @param text     writes the run for people
     * @param notices  what happened on the way (leftovers removed, ...)
     * @param warnings what the user must know
     * @param failure  a failure after the backup itself was done (its prune), or a dry run's lack of space
     */
    record Outcome(Map<String, Object> document, Consumer<PrintWriter> text, List<String> notices,
                   List<String> warnings, Optional<LifeboatException> failure) {

        void describe(PrintWriter out) {
            text.accept(out);
        }

        int exitCode() {
            return failure.map(exception -> exception.status().code()).orElse(0);
        }
    }

    Outcome execute() {
        CreateBackupCommand command = new CreateBackupCommand(target.location(), target.engine(), target.label(),
                target.compression(), target.lockTimeout(), verify, target.engineOptions(), target.recipients());
        CreateBackupUseCase service = context.useCases().createBackup(target.repository(), target.identity());
        if (dryRun) {
            return planned(service.plan(command));
        }
        BackupReport report = service.backup(command, context.progress(output));
        Optional<PruneReport> pruned = Optional.empty();
        Optional<LifeboatException> pruneFailure = Optional.empty();
        if (!target.retention().isEmpty()) {
            try {
                // only after a backup that succeeded, and only this backup's group
                pruned = Optional.of(context.useCases().pruneBackups(target.repository()).prune(
                        new PruneCommand(target.retention(), GroupField.DEFAULT,
                                Optional.of(report.archive().name().value()), false, target.lockTimeout())));
            } catch (LifeboatException e) {
                pruneFailure = Optional.of(e);
            }
        }
        Map<String, Object> document = JsonDocuments.backup(report);
        document.put("target", target.name());
        pruned.ifPresent(prune -> document.put("prune", JsonDocuments.prune(prune)));
        pruneFailure.ifPresent(failure -> {
            document.put("ok", false);
            document.putAll(ErrorReporter.errorDocument(failure.code(), failure.status(),
                    "the backup was written, but pruning failed: " + failure.getMessage()));
        });
        Optional<PruneReport> prunedReport = pruned;
        return new Outcome(document, out -> {
            describe(report, out);
            prunedReport.ifPresent(prune -> out.printf("  pruned     removed %d older backups of this group, kept %d (%s)%s%n",
                    prune.removedCount(), prune.keptCount(), prune.policy(), prune.retained().isEmpty() ? ""
                            : "; " + prune.retained().size() + " retained by the repository's retention period"));
        }, Stream.concat(report.notices().stream(), report.verification().stream()
                .flatMap(verification -> verification.notices().stream())).toList(),
                report.manifest().warnings(), pruneFailure);
    }

    private Outcome planned(BackupPlan plan) {
        Map<String, Object> document = JsonDocuments.backupPlan(plan);
        document.put("target", target.name());
        Optional<LifeboatException> failure = Optional.empty();
        if (!plan.enoughSpace()) {
            InsufficientSpaceException space = InsufficientSpaceException.beforeWriting(plan.repository(),
                    plan.requiredBytes(), plan.availableBytes());
            document.putAll(ErrorReporter.errorDocument(space.code(), space.status(), space.getMessage()));
            failure = Optional.of(space);
        }
        return new Outcome(document, out -> {
            out.printf("Would back up %s (%s %s): %s, %s, %s%n", plan.database().databaseName(),
                    plan.database().engineId(), plan.database().engineVersion(), Units.bytes(plan.database().sizeBytes()),
                    Units.plural(plan.database().tables().size(), "table", "tables"),
                    Units.plural(plan.database().totalRows(), "row", "rows"));
            out.printf("  archive    %s/%s (%s level %d)%n", plan.repository(), plan.archiveName(),
                    plan.compression().compression().id(), plan.compression().level());
            out.printf("  space      %s needed, %s free%n", Units.bytes(plan.requiredBytes()),
                    Units.bytes(plan.availableBytes()));
            out.println("Nothing was written (--dry-run).");
        }, List.of(), List.of(), failure);
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
        if (report.archive().name().encrypted()) {
            out.printf("  encrypted  to %s (age)%n", manifest.options().getOrDefault("encrypted-to", "?").replace(",", ", "));
        }
        out.printf("  took       %s%n", Units.duration(report.duration()));
        report.verification().ifPresent(verification -> {
            List<VerificationCheck> warnings = verification.checks().stream()
                    .filter(check -> check.status() == CheckStatus.WARNING).toList();
            if (report.archive().name().encrypted() && !warnings.isEmpty()) {
                // without the identity only what needs no key was verified: say so, and what was left out
                out.printf("  verified   only what needs no key (%d checks passed): %s%n",
                        verification.checks().size() - warnings.size(), warnings.get(0).detail());
            } else {
                out.printf("  verified   %d checks passed, restored into scratch space%n", verification.checks().size());
            }
        });
    }
}
