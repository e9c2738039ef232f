package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.port.in.ArchiveCopy.Outcome;
import dev.lifeboat.domain.port.in.ArchiveCopy;
import dev.lifeboat.domain.port.in.CopyBackupsCommand;
import dev.lifeboat.domain.port.in.CopyBackupsUseCase;
import dev.lifeboat.domain.port.in.CopyReport;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat copy}: archives from one repository to another, checked on the way. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        header = "Copy backups to another repository (a second disk, object storage), checking every SHA-256.",
        description = {"Copies archives with their checksum files from the repository (--repo) into another one (--to), "
                + "either way round between a directory and s3://BUCKET/PREFIX. The source is only read. The target is locked "
                + "while the copy runs (--lock-timeout), and temporary files that interrupted runs left there are "
                + "removed.",
                "Each archive is streamed, never held in memory nor copied locally first: the SHA-256 of the bytes "
                + "read must equal the one the source records, and the target must record that same SHA-256 once it "
                + "is written. An archive the target already has under its name, its checksum file recording the "
                + "same SHA-256, is skipped without being read again, so a second run copies only what is new; "
                + "lifeboat verify --all --repo TARGET checks the bytes the target holds.",
                "An archive the target has under the same name with other bytes is refused and left as it is (exit 7 "
                + "at the end). A source archive without a checksum file, or whose bytes do not match it, is not "
                + "copied and leaves nothing in the target (exit 6 at the end). Either way the copy goes on with the "
                + "rest, and a damaged archive's 6 comes before a refusal's 7. What stops the whole copy (the target "
                + "locked, unreachable or full) ends it at once with its own exit code; what was copied stays, and "
                + "the next run skips it.",
                "Both repositories take the settings of their kind (for s3: endpoint, region, credentials) from the "
                + "same environment and configuration file."},
        footer = {"", "Examples:",
                "  lifeboat copy --all --to s3://my-bucket/lifeboat/prod    every archive off-site; again: only new ones",
                "  lifeboat copy latest:shop --to /mnt/usb/lifeboat        the newest backup of shop to a second disk",
                "  lifeboat copy --all --repo s3://my-bucket/lifeboat/prod --to ./backups   and back again",
                "  lifeboat copy --all --to s3://my-bucket/lifeboat/prod --dry-run --json   what would be copied",
                "",
                "3-2-1 (three copies, two kinds of storage, one off-site) with one cron line, a local backup and "
                + "then its off-site copy:",
                "  15 3 * * *  lifeboat backup --all --quiet && lifeboat copy --all --quiet --to s3://my-bucket/lifeboat/prod"})
final class CopyCommand extends LifeboatSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP",
            description = "The backup to copy: an archive name, a path to an archive, latest or latest:NAME.")
    String backup;

    @Option(names = "--all", description = "Copy every archive of the repository, oldest first.")
    boolean all;

    @Option(names = "--to", paramLabel = "DIR|URL", required = true,
            description = "The repository to copy into: a directory (created when missing) or s3://BUCKET/PREFIX.")
    String to;

    @Option(names = "--dry-run", description = "Show what would be copied, skipped and refused; write nothing.")
    boolean dryRun;

    @Mixin
    LockTimeoutOption lockTimeout;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Map<String, Object> failureContext() {
        return Map.of("command", "copy");
    }

    @Override
    public Integer call() {
        if (all == (backup != null)) {
            throw new InvalidUsageException(all ? "give either a backup or --all, not both"
                    : "name the backup to copy (an archive name, latest or latest:NAME), or copy them all with --all");
        }
        Duration wait = context().settings().lockTimeout(Optional.ofNullable(lockTimeout.timeout),
                context().configuredDefaults(repository)).value();
        BackupRepository source;
        CopyBackupsCommand command;
        if (all) {
            source = context().repository(repository, false);
            command = CopyBackupsCommand.all(dryRun, wait);
        } else {
            CommandContext.ArchiveSelection selection = context().archive(backup, repository);
            source = selection.repository();
            command = CopyBackupsCommand.one(selection.reference(), dryRun, wait);
        }
        BackupRepository target = context().repositoryAt(to, "--to", repository, true);
        CopyBackupsUseCase copier = context().useCases().copyBackups(source, target);
        CopyReport report = copier.copy(command, context().progress(output));
        report.notices().forEach(this::notice);
        if (output.json) {
            printJson(JsonDocuments.copy(report));
        } else {
            describe(report, out());
        }
        for (ArchiveCopy problem : report.problems()) {
            context().environment().err().println("lifeboat: " + problem.name() + " " + problem.outcome().id() + ": "
                    + problem.detail());
        }
        context().environment().err().flush();
        return report.failure().map(ExitStatus::code).orElse(0);
    }

    static void describe(CopyReport report, PrintWriter out) {
        out.printf("%s %s to %s%n", report.dryRun() ? "Would copy from" : "Copying from", report.source(), report.target());
        int width = report.archives().stream().mapToInt(archive -> archive.name().value().length()).max().orElse(0);
        for (ArchiveCopy archive : report.archives()) {
            out.printf("  %-10s  %-" + width + "s  %10s  %s%n", label(archive, report.dryRun()), archive.name(),
                    Units.bytes(archive.sizeBytes()), archive.outcome() == Outcome.COPIED
                            ? archive.sha256().map(sha256 -> "sha256 " + sha256).orElse("") : archive.detail());
        }
        out.printf(report.dryRun() ? "Would copy %s (%s), skip %d, refuse %d, fail %d; nothing was written (--dry-run).%n"
                        : "Copied %s (%s), skipped %d, refused %d, failed %d.%n",
                Units.plural(report.count(Outcome.COPIED), "archive", "archives"), Units.bytes(report.copiedBytes()),
                report.count(Outcome.SKIPPED), report.count(Outcome.REFUSED), report.count(Outcome.FAILED));
        out.flush();
    }

    private static String label(ArchiveCopy archive, boolean dryRun) {
        return switch (archive.outcome()) {
            case COPIED -> dryRun ? "would copy" : "copied";
            case SKIPPED -> "skipped";
            case REFUSED -> "REFUSED";
            case FAILED -> "FAILED";
        };
    }
}
