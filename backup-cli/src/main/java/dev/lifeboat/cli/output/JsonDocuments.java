package dev.lifeboat.cli.output;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.port.in.ArchiveCopy;
import dev.lifeboat.domain.port.in.ArchiveVerification;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.BackupPlan;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.CopyReport;
import dev.lifeboat.domain.port.in.DatabaseFreshness;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.in.RestorePlan;
import dev.lifeboat.domain.port.in.RestoreReport;
import dev.lifeboat.domain.port.in.VerifyAllReport;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON documents the commands print with --json. Their shape is an interface for scripts and monitoring:
 * add fields, never rename or remove one. Longer than most classes on purpose: one short method per document, kept
 * together so that the whole JSON vocabulary (key names, units, how absent values read) is reviewed in one place.
 */
public final class JsonDocuments {

    private JsonDocuments() {
    }

    public static Map<String, Object> backup(BackupReport report) {
        Manifest manifest = report.manifest();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "backup");
        document.put("archive", archive(report.archive()));
        document.put("database", source(manifest));
        document.put("tables", manifest.fingerprint().tables().size());
        document.put("rows", manifest.fingerprint().totalRows());
        document.put("rawBytes", manifest.rawSize());
        document.put("ratio", ratio(manifest.rawSize(), report.archive().sizeBytes()));
        document.put("compression", manifest.options().get("compression"));
        document.put("compressionLevel", manifest.options().get("compression-level"));
        document.put("label", manifest.label());
        document.put("createdAt", manifest.createdAt());
        document.put("durationMillis", report.duration().toMillis());
        document.put("notices", report.notices());
        document.put("warnings", manifest.warnings());
        document.put("verification", report.verification().map(JsonDocuments::verification));
        return document;
    }

    public static Map<String, Object> backupPlan(BackupPlan plan) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", plan.enoughSpace());
        document.put("command", "backup");
        document.put("dryRun", true);
        document.put("database", description(plan.database()));
        document.put("archive", plan.archiveName().value());
        document.put("repository", plan.repository());
        document.put("compression", plan.compression().compression().id());
        document.put("compressionLevel", plan.compression().level());
        document.put("requiredBytes", plan.requiredBytes());
        document.put("availableBytes", plan.availableBytes());
        return document;
    }

    public static Map<String, Object> listing(String repository, List<BackupListing> listings) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "list");
        document.put("repository", repository);
        document.put("backups", listings.stream().map(JsonDocuments::listed).toList());
        return document;
    }

    public static Map<String, Object> verification(VerifyReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", report.passed());
        document.put("command", "verify");
        document.put("archive", archive(report.archive()));
        document.put("deep", report.deep());
        document.put("passed", report.passed());
        document.put("checks", checks(report.checks()));
        document.put("notices", report.notices());
        return document;
    }

    /** {@code verify --all}: the counts, and what was done with each archive, newest first. */
    public static Map<String, Object> verifyAll(String repository, boolean deep, Optional<Duration> olderThan,
                                         VerifyAllReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", report.failed() == 0);
        document.put("command", "verify");
        document.put("all", true);
        document.put("repository", repository);
        document.put("deep", deep);
        document.put("olderThanSeconds", olderThan.map(Duration::toSeconds));
        document.put("verified", report.verified());
        document.put("skipped", report.skipped());
        document.put("failed", report.failed());
        document.put("archives", report.archives().stream().map(entry -> {
            Map<String, Object> archive = archive(entry.archive());
            archive.put("outcome", entry.failed() ? "failed"
                    : entry instanceof ArchiveVerification.Skipped ? "skipped" : "verified");
            archive.put("detail", detail(entry));
            if (entry instanceof ArchiveVerification.Verified verified) {
                archive.put("checks", checks(verified.report().checks()));
            } else if (entry instanceof ArchiveVerification.Skipped skipped) {
                archive.put("lastVerification", lastVerification(new LastVerification.Recorded(skipped.last())));
            }
            return archive;
        }).toList());
        if (report.failed() > 0) {
            ArchiveVerification first = report.archives().stream().filter(ArchiveVerification::failed).findFirst()
                    .orElseThrow();
            ExitStatus status = report.failureStatus();
            document.put("error", ErrorReporter.errorDocument(status.name().toLowerCase(java.util.Locale.ROOT), status,
                    Units.plural(report.failed(), "backup", "backups") + " failed verification; first "
                            + first.archive().name() + ": " + detail(first)).get("error"));
        }
        return document;
    }

    /** One line on what {@code verify --all} did with an archive. */
    public static String detail(ArchiveVerification entry) {
        if (entry instanceof ArchiveVerification.Verified verified) {
            VerifyReport report = verified.report();
            return report.passed()
                    ? (report.deep() ? "deep, " : "fast, ") + Units.plural(report.checks().size(), "check", "checks")
                            + " passed"
                    : report.failures().get(0).name() + ": " + report.failures().get(0).detail();
        }
        if (entry instanceof ArchiveVerification.Skipped skipped) {
            return "verified " + skipped.last().mode() + " " + Units.utc(skipped.last().verifiedAt()) + " UTC";
        }
        return ((ArchiveVerification.Unverifiable) entry).reason();
    }

    /**
     * The last verification of an archive, for list and inspect: null when never verified; when a record is there but
     * not trusted, why.
     */
    static Map<String, Object> lastVerification(LastVerification last) {
        if (last instanceof LastVerification.Never) {
            return null;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        if (last instanceof LastVerification.Ignored ignored) {
            document.put("passed", null);
            document.put("ignored", ignored.reason());
            return document;
        }
        VerificationRecord record = last.record().orElseThrow();
        document.put("verifiedAt", record.verifiedAt());
        document.put("deep", record.deep());
        document.put("passed", record.passed());
        document.put("lifeboatVersion", record.toolVersion());
        document.put("checks", record.checks().size());
        record.firstFailure().ifPresent(failure -> document.put("failure", failure.name() + ": " + failure.detail()));
        return document;
    }

    /** {@code check}: each database's standing. */
    public static Map<String, Object> check(List<Map<String, Object>> databases, boolean ok) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", ok);
        document.put("command", "check");
        document.put("databases", databases);
        return document;
    }

    /** One database in {@code check}'s output. */
    public static Map<String, Object> freshness(DatabaseFreshness freshness, String repository) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", freshness.database());
        document.put("repository", repository);
        document.put("newest", freshness.newest().map(archive -> archive.name().value()));
        document.put("createdAt", freshness.createdAt());
        document.put("ageSeconds", freshness.age().map(Duration::toSeconds));
        document.put("maxAgeSeconds", freshness.maxAge().toSeconds());
        document.put("fresh", freshness.fresh());
        document.put("lastVerified", freshness.verification().record().map(VerificationRecord::verifiedAt));
        document.put("verified", freshness.verified());
        document.put("verification", lastVerification(freshness.verification()));
        document.put("status", freshness.status().name().toLowerCase(Locale.ROOT));
        freshness.unreadable().ifPresent(problem -> document.put("problem", problem));
        return document;
    }

    public static Map<String, Object> restore(RestoreReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "restore");
        document.put("archive", archive(report.archive()));
        document.put("target", report.target());
        document.put("tables", report.manifest().fingerprint().tables().size());
        document.put("rows", report.manifest().fingerprint().totalRows());
        document.put("safetyBackup", report.safetyBackup().map(safety -> archive(safety.archive())));
        document.put("checks", checks(report.checks()));
        document.put("warnings", report.warnings());
        document.put("durationMillis", report.duration().toMillis());
        return document;
    }

    public static Map<String, Object> restorePlan(RestorePlan plan) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "restore");
        document.put("dryRun", true);
        document.put("archive", archive(plan.archive()));
        document.put("database", source(plan.manifest()));
        document.put("target", plan.target().toString());
        document.put("targetState", plan.targetState().name().toLowerCase(Locale.ROOT));
        document.put("replacesData", plan.replacesData());
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("backup", plan.archiveSchemaVersion().map(Object::toString).orElse(null));
        schema.put("target", plan.targetSchemaVersion().map(Object::toString).orElse(null));
        schema.put("differs", plan.schemaVersionDiffers());
        document.put("schemaVersion", schema);
        return document;
    }

    public static Map<String, Object> prune(PruneReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "prune");
        document.put("dryRun", report.dryRun());
        document.put("policy", report.policy());
        document.put("removed", report.removedCount());
        document.put("kept", report.keptCount());
        document.put("groups", report.groups().stream().map(group -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", new LinkedHashMap<>(group.key()));
            entry.put("backups", group.decisions().stream().map(decision -> {
                Map<String, Object> backup = new LinkedHashMap<>();
                backup.put("name", decision.name());
                backup.put("createdAt", decision.createdAt());
                backup.put("kept", decision.kept());
                backup.put("reasons", decision.reasons());
                backup.put("retained", report.isRetained(decision.name()));
                return backup;
            }).toList());
            return entry;
        }).toList());
        document.put("unreadable", report.unreadable().stream().map(JsonDocuments::archive).toList());
        document.put("leftoversRemoved", report.leftovers());
        document.put("retained", report.retained());
        return document;
    }

    public static Map<String, Object> copy(CopyReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", report.failure().isEmpty());
        document.put("command", "copy");
        document.put("dryRun", report.dryRun());
        document.put("source", report.source());
        document.put("target", report.target());
        document.put("copied", report.count(ArchiveCopy.Outcome.COPIED));
        document.put("skipped", report.count(ArchiveCopy.Outcome.SKIPPED));
        document.put("refused", report.count(ArchiveCopy.Outcome.REFUSED));
        document.put("failed", report.count(ArchiveCopy.Outcome.FAILED));
        document.put("copiedBytes", report.copiedBytes());
        document.put("archives", report.archives().stream().map(archive -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", archive.name().value());
            entry.put("sizeBytes", archive.sizeBytes());
            entry.put("outcome", archive.outcome().id());
            entry.put("sha256", archive.sha256());
            entry.put("detail", archive.detail());
            entry.put("exitCode", archive.status().code());
            return entry;
        }).toList());
        document.put("notices", report.notices());
        report.failure().ifPresent(status -> {
            List<ArchiveCopy> problems = report.problems();
            ArchiveCopy first = problems.stream().filter(archive -> archive.status() == status).findFirst()
                    .orElseThrow();
            document.put("error", ErrorReporter.errorDocument(status.name().toLowerCase(Locale.ROOT), status,
                    Units.plural(problems.size(), "archive was", "archives were") + " not copied; first "
                            + first.name() + ": " + first.detail()).get("error"));
        });
        return document;
    }

    /**
     * {@code lifeboat engines --json}.
     *
     * @param jarOf the plug-in jar an adapter came from; empty for one built in
     */
    public static Map<String, Object> engines(List<DatabaseEngine> engines, List<BackupRepositoryProvider> repositoryKinds,
                                              Function<Object, Optional<Path>> jarOf) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("command", "engines");
        document.put("engines", engines.stream().map(engine -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", engine.id());
            entry.put("name", engine.displayName());
            entry.put("locations", engine.locationExamples());
            entry.put("options", EngineOptionListing.documents(engine));
            putOrigin(entry, engine, jarOf);
            return entry;
        }).toList());
        document.put("repositoryKinds", repositoryKinds.stream().map(kind -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", kind.id());
            putOrigin(entry, kind, jarOf);
            return entry;
        }).toList());
        return document;
    }

    /** Where an adapter came from: {@code "origin": "built-in"}, or {@code "plugin"} with the jar's path. */
    private static void putOrigin(Map<String, Object> entry, Object adapter, Function<Object, Optional<Path>> jarOf) {
        Optional<Path> jar = jarOf.apply(adapter);
        entry.put("origin", jar.isPresent() ? "plugin" : "built-in");
        jar.ifPresent(path -> entry.put("jar", path.toString()));
    }

    static Map<String, Object> archive(ArchiveInfo archive) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", archive.name().value());
        document.put("path", archive.location());
        document.put("sizeBytes", archive.sizeBytes());
        if (archive.name().encrypted()) {
            document.put("encrypted", true);
        }
        return document;
    }

    private static Map<String, Object> listed(BackupListing listing) {
        Map<String, Object> entry = archive(listing.archive());
        listing.manifest().ifPresent(manifest -> {
            entry.put("database", manifest.databaseName());
            entry.put("engine", manifest.engineId());
            entry.put("label", manifest.label());
            entry.put("createdAt", manifest.createdAt());
            entry.put("rawBytes", manifest.rawSize());
            entry.put("ratio", ratio(manifest.rawSize(), listing.archive().sizeBytes()));
            entry.put("tables", manifest.fingerprint().tables().size());
            entry.put("rows", manifest.fingerprint().totalRows());
        });
        listing.problem().ifPresent(problem -> entry.put("problem", problem));
        entry.put("lastVerification", lastVerification(listing.verification()));
        if (listing.encrypted()) {
            // what the name says; the rest is inside the ciphertext
            BackupNaming.partsOf(listing.archive().name()).ifPresent(parts -> {
                entry.put("database", parts.databaseAndLabel());
                entry.put("createdAt", parts.createdAt());
            });
        }
        return entry;
    }

    private static Map<String, Object> source(Manifest manifest) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", manifest.databaseName());
        document.put("engine", manifest.engineId());
        document.put("engineVersion", manifest.engineVersion());
        document.put("location", manifest.source().location());
        document.put("sizeBytes", manifest.source().sizeBytes());
        return document;
    }

    private static Map<String, Object> description(DatabaseDescription database) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", database.databaseName());
        document.put("engine", database.engineId());
        document.put("engineVersion", database.engineVersion());
        document.put("location", database.location());
        document.put("sizeBytes", database.sizeBytes());
        document.put("tables", database.tables().size());
        document.put("rows", database.totalRows());
        return document;
    }

    private static List<Map<String, Object>> checks(List<VerificationCheck> checks) {
        return checks.stream().map(check -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", check.name());
            entry.put("status", check.status().name().toLowerCase(Locale.ROOT));
            entry.put("detail", check.detail());
            return entry;
        }).toList();
    }

    private static Double ratio(long rawBytes, long storedBytes) {
        return storedBytes <= 0 ? null : Math.round(rawBytes * 100.0 / storedBytes) / 100.0;
    }
}
