package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.ErrorReporter;
import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.policy.Durations;
import dev.lifeboat.domain.port.in.ArchiveVerification;
import dev.lifeboat.domain.port.in.VerifyAllCommand;
import dev.lifeboat.domain.port.in.VerifyAllReport;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyBackupUseCase;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat verify}: prove an archive intact and, deeply, restorable. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Prove a backup intact (checksums) and, with --deep, restorable to the data it recorded.",
        description = {"Verify a backup. Without --deep: the whole archive against its .sha256 sidecar, then every "
                + "part's SHA-256 and size (all data is read and decompressed). With --deep: also restore it into "
                + "scratch space and check integrity and the fingerprint recorded at backup time.",
                "Any mismatch exits 6, naming what failed.",
                "An encrypted backup (.lifeboat.tar.age) is checked the same way with --identity. Without it, the "
                + "sidecar's SHA-256 of the stored bytes and the age header are checked, and the output says that "
                + "the parts' checksums need the identity (exit 0); --deep needs the identity (else exit 2).",
                "Each verification is recorded beside the archive (NAME.lifeboat.tar.verified: when, fast or deep, "
                + "which checks, which lifeboat, the outcome), shown by list, inspect and check. Where the record "
                + "cannot be written (a read-only mount, read-only credentials) the verification still counts, "
                + "with a warning.",
                "--all verifies every backup, newest first, going on past failures (exit 6 if any failed); with "
                + "--older-than it skips those whose last successful verification (deep, for --deep) is more "
                + "recent than that, so a nightly run re-reads only what is due."},
        footer = {"", "Examples:",
                "  lifeboat verify latest",
                "  lifeboat verify --deep latest:chinook",
                "  lifeboat verify /mnt/offsite/chinook_2026-11-24T10-58-24Z.lifeboat.tar --json",
                "  lifeboat verify --deep --scratch postgresql://postgres@localhost/postgres latest:shop",
                "  lifeboat verify --all --older-than 30d --json",
                "",
                "PostgreSQL: --deep restores into a scratch database on the --scratch server (default: the server the "
                + "backup was taken from), compares, and drops it. The role needs CREATEDB there."})
final class VerifyCommand extends LifeboatSubcommand implements EngineOptionArguments.Holder {

    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP",
            description = "An archive name, a path to an archive, latest or latest:NAME.")
    String backup;

    @Option(names = "--all", description = "Verify every backup in the repository, newest first, instead of one.")
    boolean all;

    @Option(names = "--older-than", paramLabel = "AGE", description = "With --all: skip backups verified "
            + "successfully within AGE (30d, 12h); without it --all verifies every backup.")
    String olderThan;

    @Option(names = "--deep", description = "Also restore into scratch space and compare integrity and fingerprint.")
    boolean deep;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    IdentityOption identity;

    final EngineOptionArguments engineOptions = new EngineOptionArguments();

    @Override
    public EngineOptionArguments engineOptions() {
        return engineOptions;
    }

    @Override
    public Integer call() {
        if (all == (backup != null)) {
            throw new InvalidUsageException(all ? "verify --all verifies every backup: give no BACKUP with it"
                    : "verify needs a BACKUP (a name, a path, latest or latest:NAME) or --all");
        }
        if (olderThan != null && !all) {
            throw new InvalidUsageException("--older-than goes with --all");
        }
        if (!deep && !engineOptions.values().isEmpty()) {
            // a fast verification reads the archive alone: an engine option would be taken and do nothing
            throw new InvalidUsageException("engine options (" + String.join(", ", engineOptions.values().keySet())
                    + ") go with verify --deep, which restores through the engine; a fast verification reads the "
                    + "archive alone");
        }
        if (all) {
            return verifyAll();
        }
        CommandContext.ArchiveSelection selection = context().archive(backup, repository);
        VerifyBackupUseCase service = context().useCases().verifyBackup(selection.repository(),
                deep ? context().scratchFor(selection, repository) : selection.repository(),
                context().identityFile(identity, repository));
        VerifyReport report = service.verify(new VerifyBackupCommand(selection.reference(), deep, engineOptions.values()),
                context().progress(output));
        report.notices().forEach(this::warn);
        if (output.json) {
            Map<String, Object> document = JsonDocuments.verification(report);
            if (!report.passed()) {
                document.put("error", ErrorReporter.errorDocument("verification_failed", ExitStatus.VERIFICATION_FAILED,
                        failureSummary(report)).get("error"));
            }
            printJson(document);
        } else {
            describe(report, out());
        }
        if (!report.passed()) {
            context().environment().err().println("lifeboat: " + failureSummary(report));
            context().environment().err().flush();
            return ExitStatus.VERIFICATION_FAILED.code();
        }
        return 0;
    }

    private int verifyAll() {
        Optional<Duration> limit = Optional.ofNullable(olderThan).map(Durations::parse);
        BackupRepository repo = context().repository(repository, false);
        VerifyAllReport report = context().useCases().verifyAllBackups(repo, context().identityFile(identity, repository))
                .verifyAll(new VerifyAllCommand(deep, limit, engineOptions.values()), context().progress(output));
        List<String> notices = report.archives().stream().flatMap(entry -> entry instanceof
                ArchiveVerification.Verified verified ? verified.report().notices().stream() : Stream.empty()).toList();
        if (!notices.isEmpty()) {
            // a read-only repository refuses every record alike: once is enough
            warn(notices.get(0) + (notices.size() == 1 ? "" : " (and " + (notices.size() - 1) + " more)"));
        }
        if (output.json) {
            printJson(JsonDocuments.verifyAll(repo.location(), deep, limit, report));
        } else {
            describeAll(repo.location(), limit, report, out());
        }
        if (report.failed() > 0) {
            ArchiveVerification first = report.archives().stream().filter(ArchiveVerification::failed).findFirst()
                    .orElseThrow();
            context().environment().err().println("lifeboat: " + Units.plural(report.failed(), "backup", "backups")
                    + " FAILED verification; first " + first.archive().name() + ": " + JsonDocuments.detail(first));
            context().environment().err().flush();
            return report.failureStatus().code();
        }
        return 0;
    }

    private void describeAll(String location, Optional<Duration> limit, VerifyAllReport report, PrintWriter out) {
        out.printf("Verifying %s in %s%s%s%n", Units.plural(report.archives().size(), "backup", "backups"), location,
                deep ? " (deep)" : "", limit.map(age -> ", skipping those verified within " + olderThan).orElse(""));
        for (ArchiveVerification entry : report.archives()) {
            String label = entry.failed() ? "FAIL" : entry instanceof ArchiveVerification.Skipped ? "skip" : "ok";
            out.printf("  %-5s %s  %s%n", label, entry.archive().name(), JsonDocuments.detail(entry));
        }
        out.printf("%d verified, %d skipped, %d failed.%n", report.verified(), report.skipped(), report.failed());
        out.flush();
    }

    private static String failureSummary(VerifyReport report) {
        VerificationCheck first = report.failures().get(0);
        return "verification of " + report.archive().name() + " FAILED: " + first.name() + ": " + first.detail();
    }

    private static void describe(VerifyReport report, PrintWriter out) {
        out.printf("Verifying %s%s%n", report.archive().location(), report.deep() ? " (deep)" : "");
        for (VerificationCheck check : report.checks()) {
            out.printf("  %-5s %s: %s%n", label(check), check.name(), check.detail());
        }
        boolean keyless = report.archive().name().encrypted()
                && report.checks().stream().anyMatch(check -> check.status() == CheckStatus.WARNING);
        if (report.passed() && keyless) {
            out.printf("%s: its stored bytes and encryption header are intact; the parts' checksums need the identity "
                    + "(--identity).%n", report.archive().name());
        } else if (report.passed()) {
            out.printf("%s is intact%s.%n", report.archive().name(),
                    report.deep() ? " and restores to the data it recorded" : "");
        } else {
            out.printf("%s FAILED verification (%d of %d checks failed).%n", report.archive().name(),
                    report.failures().size(), report.checks().size());
        }
        out.flush();
    }

    private static String label(VerificationCheck check) {
        return switch (check.status()) {
            case PASSED -> "ok";
            case WARNING -> "warn";
            case FAILED -> "FAIL";
        };
    }
}
