package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.policy.RetentionDecision;
import dev.lifeboat.domain.port.in.PruneCommand;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.in.PrunedGroup;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifeboat prune}: remove the backups a retention policy does not keep. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        header = "Remove the backups that no --keep rule keeps.",
        description = {"Groups the backups (by default by database, engine and label), applies the --keep rules to "
                + "each group, and removes what no rule keeps. A backup kept by any rule stays; the newest backup of a "
                + "group is never removed; an archive whose manifest cannot be read is never removed, nor one whose "
                + "last verification failed, which no rule counts either. Days, weeks (ISO), "
                + "months and years are counted in UTC; --keep-within counts back from the newest backup, not from now.",
                "Prune takes the repository's lock, and removes temporary files left by crashed runs too. Without any "
                + "--keep option it refuses (exit 2) instead of removing everything.",
                "A backup the repository may not delete yet (an S3 Object Lock retention period) stays, is reported as "
                + "retained, and does not fail the prune; a later prune removes it once the period is over."},
        footer = {"", "Examples:",
                "  lifeboat prune --keep-daily 7 --keep-weekly 4 --keep-monthly 12",
                "  lifeboat prune --keep-last 10 --dry-run            show what would go, and which rule keeps the rest",
                "  lifeboat prune --keep-within 30d --group-by database --json"})
final class PruneBackupsCommand extends LifeboatSubcommand {

    @Mixin
    RetentionOptions keep;

    @Option(names = "--group-by", paramLabel = "FIELDS", defaultValue = "database,engine,label",
            description = "What backups are grouped by: any of database, engine, label, comma-separated (default all "
                    + "three); an empty value puts every backup in one group.")
    String groupBy;

    @Option(names = "--dry-run", description = "Show what would be kept and removed, and why; remove nothing.")
    boolean dryRun;

    @Mixin
    LockTimeoutOption lockTimeout;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() {
        PruneCommand command = new PruneCommand(
                context().settings().retention(keep.policy(), context().configuredDefaults(repository)).value(),
                GroupField.parse(groupBy), Optional.empty(), dryRun,
                context().settings().lockTimeout(Optional.ofNullable(lockTimeout.timeout),
                        context().configuredDefaults(repository)).value());
        PruneReport report = context().useCases().pruneBackups(context().repository(repository, true))
                .prune(command);
        report.leftovers().forEach(leftover -> notice("removed " + leftover + ", left by an interrupted run"));
        report.unreadable().forEach(archive -> warn(archive.name() + " is unreadable and was left alone"));
        if (output.json) {
            printJson(JsonDocuments.prune(report));
        } else {
            describe(report, out());
        }
        return 0;
    }

    static void describe(PruneReport report, PrintWriter out) {
        out.printf("Retention: %s%n", report.policy());
        for (PrunedGroup group : report.groups()) {
            out.printf("%s%n", group.key().isEmpty() ? "all backups" : group.key().entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + (entry.getValue().isEmpty() ? "-" : entry.getValue()))
                    .collect(Collectors.joining(" ")));
            for (RetentionDecision decision : group.decisions()) {
                out.printf("  %-12s  %s  %s  %s%n", action(report, decision), Units.utc(decision.createdAt()),
                        decision.name(), report.isRetained(decision.name())
                                ? "the repository's retention period does not allow deleting it yet"
                                : String.join(", ", decision.reasons()));
            }
        }
        out.printf(report.dryRun() ? "Would remove %d backups and keep %d; nothing was removed (--dry-run).%n"
                : "Removed %d backups, kept %d.%n", report.removedCount(), report.keptCount());
        if (!report.retained().isEmpty()) {
            out.printf("%s retained by the repository's retention period (object lock); a later prune removes %s.%n",
                    Units.plural(report.retained().size(), "backup", "backups"),
                    report.retained().size() == 1 ? "it" : "them");
        }
        out.flush();
    }

    private static String action(PruneReport report, RetentionDecision decision) {
        if (decision.kept()) {
            return "keep";
        }
        if (report.dryRun()) {
            return "would remove";
        }
        return report.isRetained(decision.name()) ? "retained" : "remove";
    }
}
