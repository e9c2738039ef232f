package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.port.in.Inspection;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lifeboat inspect}: what an archive records about itself. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show an archive's manifest: source, engine, tables, parts, hashes and fingerprint.",
                "With --json, the manifest exactly as stored in the archive. The text also shows the last "
                + "verification recorded beside the archive (list --json has it too).",
                "An encrypted archive's manifest is inside its ciphertext: inspecting it needs --identity (else exit "
                + "2)."},
        footer = {"", "Examples:",
                "  lifeboat inspect latest",
                "  lifeboat inspect chinook_2026-11-24T10-58-24Z.lifeboat.tar",
                "  lifeboat inspect /mnt/offsite/chinook_2026-11-24T10-58-24Z.lifeboat.tar --json"})
final class InspectCommand extends LifeboatSubcommand {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "An archive name, a path to an archive, latest or latest:NAME.")
    String backup;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    IdentityOption identity;

    @Override
    public Integer call() {
        CommandContext.ArchiveSelection selection = context().archive(backup, repository);
        Inspection inspection = context().useCases().inspectBackup(selection.repository(),
                context().identityFile(identity, repository)).inspect(selection.reference());
        if (output.json) {
            out().print(inspection.manifestDocument().endsWith("\n") ? inspection.manifestDocument()
                    : inspection.manifestDocument() + "\n");
            out().flush();
            return 0;
        }
        describe(inspection, out());
        LastVerification last = selection.repository().find(inspection.archive().name())
                .map(archive -> context().useCases().lastVerification(selection.repository()).last(archive))
                .orElse(new LastVerification.Never());
        out().printf("Verified     %s%n", describe(last));
        out().flush();
        return 0;
    }

    private static void describe(Inspection inspection, PrintWriter out) {
        Manifest manifest = inspection.manifest();
        out.printf("Archive      %s (%s)%n", inspection.archive().location(), Units.bytes(inspection.archive().sizeBytes()));
        out.printf("Format       lifeboat archive v%d, written by lifeboat %s%n", manifest.formatVersion(), manifest.toolVersion());
        out.printf("Created      %s UTC%n", Units.utc(manifest.createdAt()));
        out.printf("Engine       %s %s%n", manifest.engineId(), manifest.engineVersion());
        out.printf("Source       %s (database %s, %s)%n", manifest.source().location(), manifest.databaseName(),
                Units.bytes(manifest.source().sizeBytes()));
        manifest.label().ifPresent(label -> out.printf("Label        %s%n", label));
        out.printf("Schema       %s%n", pairs(manifest.source().schemaVersion()));
        out.printf("Properties   %s%n", pairs(manifest.source().properties()));
        out.printf("Options      %s%n", pairs(manifest.options()));
        out.printf("Fingerprint  %s, schema %s%n", manifest.fingerprint().algorithm(), manifest.fingerprint().schemaHash());
        if (!manifest.fingerprint().attributes().isEmpty()) {
            out.printf("             %s%n", pairs(manifest.fingerprint().attributes()));
        }
        out.printf("Tables       %s, %s%n", Units.plural(manifest.fingerprint().tables().size(), "table", "tables"),
                Units.plural(manifest.fingerprint().totalRows(), "row", "rows"));
        int width = manifest.fingerprint().tables().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, TableFingerprint> table : manifest.fingerprint().tables().entrySet()) {
            long rows = table.getValue().rows();
            out.printf("  %-" + width + "s  %12s %-4s  sum %s%n", table.getKey(), Units.count(rows),
                    rows == 1 ? "row" : "rows", table.getValue().hash());
        }
        out.println("Parts");
        for (PartInfo part : manifest.parts()) {
            out.printf("  %s  %s, %s, %s stored, %s raw%n", part.memberName(), part.role().id(), part.compression().id(),
                    Units.bytes(part.storedSize()), Units.bytes(part.rawSize()));
            out.printf("    sha256 stored %s%n    sha256 raw    %s%n", part.storedSha256(), part.rawSha256());
        }
        if (!manifest.warnings().isEmpty()) {
            out.println("Warnings");
            manifest.warnings().forEach(warning -> out.printf("  %s%n", warning));
        }
        out.flush();
    }

    /** The last verification in one line. */
    static String describe(LastVerification last) {
        if (last instanceof LastVerification.Ignored ignored) {
            return "unknown: " + ignored.reason();
        }
        return last.record().map(record -> (record.passed() ? "passed" : "FAILED") + ", " + record.mode() + ", "
                + Units.utc(record.verifiedAt()) + " UTC, by lifeboat " + record.toolVersion() + " ("
                + Units.plural(record.checks().size(), "check", "checks") + ")"
                + record.firstFailure().map(failure -> "; " + failure.name() + ": " + failure.detail()).orElse(""))
                .orElse("never (lifeboat verify records each verification)");
    }

    private static String pairs(Map<String, String> values) {
        return values.isEmpty() ? "-" : values.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
