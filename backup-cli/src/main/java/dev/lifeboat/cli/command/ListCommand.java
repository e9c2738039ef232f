package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lifeboat list}: the backups in the repository, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the backups in the repository, newest first.",
                "Reads only each archive's manifest, never its data. An encrypted archive is shown from its name and "
                + "size alone (database and time as its name says them), without its key.",
                "LAST VERIFIED is the last recorded verify (fast or deep, or FAILED) and when; never when none was "
                + "recorded; record ignored when its record is damaged or about an earlier archive of that name."},
        footer = {"", "Examples:",
                "  lifeboat list",
                "  lifeboat list chinook --repo /var/backups",
                "  lifeboat list --json"})
final class ListCommand extends LifeboatSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATABASE",
            description = "Only the backups of this database: as archives name it, or a database of the "
                    + "configuration file.")
    String database;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() {
        BackupRepository repo = context().repository(repository, false);
        List<BackupListing> listings = context().useCases().listBackups(repo)
                .list(Optional.ofNullable(database).map(name -> context().filedName(name, repository)));
        if (output.json) {
            printJson(JsonDocuments.listing(repo.location(), listings));
            return 0;
        }
        PrintWriter out = out();
        if (listings.isEmpty()) {
            out.println("No backups" + (database == null ? "" : " of " + database) + " in " + repo.location());
            out.flush();
            return 0;
        }
        int nameWidth = Math.max(4, listings.stream().mapToInt(entry -> entry.archive().name().value().length()).max().orElse(4));
        String format = "%-" + nameWidth + "s  %-16s  %-" + (listings.stream().anyMatch(BackupListing::encrypted) ? 9 : 8)
                + "s  %-19s  %10s  %5s  %s%n";
        out.printf(format, "NAME", "DATABASE", "ENGINE", "CREATED (UTC)", "SIZE", "RATIO", "LAST VERIFIED (UTC)");
        for (BackupListing entry : listings) {
            String name = entry.archive().name().value();
            String size = Units.bytes(entry.archive().sizeBytes());
            if (entry.manifest().isPresent()) {
                Manifest manifest = entry.manifest().get();
                out.printf(format, name, manifest.databaseName(), manifest.engineId(), Units.utc(manifest.createdAt()),
                        size, Units.ratio(manifest.rawSize(), entry.archive().sizeBytes()), verified(entry));
            } else if (entry.encrypted()) {
                Optional<BackupNaming.NameParts> parts = BackupNaming.partsOf(entry.archive().name());
                out.printf(format, name, parts.map(BackupNaming.NameParts::databaseAndLabel).orElse("?"), "encrypted",
                        parts.map(found -> Units.utc(found.createdAt())).orElse("?"), size, "-", verified(entry));
            } else {
                out.printf(format, name, "?", "?", "unreadable", size, "-", verified(entry));
            }
        }
        out.flush();
        listings.stream().filter(entry -> entry.problem().isPresent()).forEach(entry ->
                warn(entry.archive().name() + " is unreadable: " + entry.problem().get()));
        listings.stream().filter(entry -> entry.verification() instanceof LastVerification.Ignored).forEach(entry ->
                warn(((LastVerification.Ignored) entry.verification()).reason() + "; the record is ignored until "
                        + "the next verify replaces it"));
        return 0;
    }

    /** The last verification in a column: its mode or FAILED, and when; never; or a record not trusted. */
    static String verified(BackupListing entry) {
        if (entry.verification() instanceof LastVerification.Ignored) {
            return "record ignored";
        }
        return entry.verification().record().map(record -> (record.passed() ? record.mode() : "FAILED") + " "
                + Units.utc(record.verifiedAt()).substring(0, 16)).orElse("never");
    }
}
