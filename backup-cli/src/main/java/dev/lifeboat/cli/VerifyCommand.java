package dev.lifeboat.cli;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.service.VerifyBackupService;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
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
                + "the parts' checksums need the identity (exit 0); --deep needs the identity (else exit 2)."},
        footer = {"", "Examples:",
                "  lifeboat verify latest",
                "  lifeboat verify --deep latest:chinook",
                "  lifeboat verify /mnt/offsite/chinook_2026-11-24T10-58-24Z.lifeboat.tar --json",
                "  lifeboat verify --deep --scratch postgresql://postgres@localhost/postgres latest:shop",
                "",
                "PostgreSQL: --deep restores into a scratch database on the --scratch server (default: the server the "
                + "backup was taken from), compares, and drops it. The role needs CREATEDB there."})
final class VerifyCommand extends LifeboatSubcommand {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "An archive name, a path to an archive, latest or latest:NAME.")
    String backup;

    @Option(names = "--deep", description = "Also restore into scratch space and compare integrity and fingerprint.")
    boolean deep;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    IdentityOption identity;

    @Option(names = "--scratch", paramLabel = "URL", description = "PostgreSQL: the server where --deep restores its "
            + "scratch database (a URL to any database on it; password from $PGPASSWORD or ~/.pgpass). Default: the "
            + "server the backup was taken from.")
    String scratch;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "PostgreSQL: parallel connections for --deep (default 2).")
    Integer jobs;

    @Override
    public Integer call() {
        CommandContext.ArchiveSelection selection = context().archive(backup, repository);
        VerifyBackupService service = new VerifyBackupService(context().adapters().engines(), context().adapters().codec(),
                selection.repository(), deep ? context().scratchFor(selection, repository) : selection.repository(),
                context().keys(identity, repository));
        VerifyReport report = service.verify(new VerifyBackupCommand(selection.reference(), deep, engineOptions()),
                context().progress(output));
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

    private Map<String, String> engineOptions() {
        Map<String, String> options = new TreeMap<>();
        if (scratch != null) {
            options.put("scratch", scratch);
        }
        if (jobs != null) {
            options.put("jobs", Integer.toString(jobs));
        }
        return options;
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
