package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.Units;
import dev.lifeboat.cli.output.VersionProvider;
import dev.lifeboat.cli.report.HtmlReport;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.port.in.DatabaseHistory;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifeboat report}: one HTML page on how the backups have been going. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Write an HTML report of the repository: sizes, durations, rows and compression over time, "
                + "verifications, retention, gaps, freshness.",
        description = {"Writes one self-contained HTML file (no script, no font, nothing fetched: its "
                + "Content-Security-Policy forbids every network load) for the whole repository: per database, "
                + "archive size, backup duration, rows and compression ratio over time as SVG charts with the same "
                + "figures in a table under each; the last verification of each backup; what the retention policy of "
                + "the configuration file keeps and what the next prune removes; days without a backup; failed "
                + "verifications and unreadable archives; the newest backup's age against its max-age (as check).",
                "Like check, it reads the manifests and verification records, never the archives' data. The file is "
                + "written whole (0600) and replaces an earlier report of that name."},
        footer = {"", "Examples:",
                "  lifeboat report -o report.html",
                "  lifeboat report -o /var/www/backups/index.html --config /etc/lifeboat/lifeboat.toml"})
final class ReportCommand extends LifeboatSubcommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the "
            + "HTML report.")
    Path reportFile;

    @Option(names = "--max-age", paramLabel = "AGE", description = "How old the newest backup may be (as check; "
            + "default: the configuration file's, else 26h).")
    String maxAge;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Map<String, Object> failureContext() {
        return Map.of("command", "report");
    }

    @Override
    public Integer call() {
        Optional<Duration> flagMaxAge = CheckCommand.maxAgeFlag(maxAge);
        Path target = context().environment().workingDirectory().resolve(reportFile).normalize();
        if (Files.isDirectory(target)) {
            throw new InvalidUsageException(target + " is a directory: give the report's file name, such as "
                    + target.resolve("report.html"));
        }
        BackupRepository repo = context().repository(repository, false);
        Optional<Configuration> configuration = context().configuration(repository);
        List<DatabaseHistory> histories = context().useCases().backupHistory(repo)
                .histories(name -> flagMaxAge.or(() -> settings(configuration, name).checkMaxAge()
                                .map(setting -> setting.value())).orElse(CheckCommand.DEFAULT_MAX_AGE),
                        name -> settings(configuration, name).keep().map(setting -> setting.value())
                                .orElse(RetentionPolicy.none()));
        String page = new HtmlReport(repo.location(), context().environment().clock().instant(),
                VersionProvider.version()).render(histories);
        write(target, page);
        if (output.json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", true);
            document.put("command", "report");
            document.put("file", target.toString());
            document.put("databases", histories.stream().map(DatabaseHistory::database).toList());
            document.put("backups", histories.stream().mapToInt(history -> history.backups().size()).sum());
            printJson(document);
        } else {
            out().printf("Wrote %s: %s, %s.%n", target, Units.plural(histories.size(), "database", "databases"),
                    Units.plural(histories.stream().mapToInt(history -> history.backups().size()).sum(), "backup",
                            "backups"));
            out().flush();
        }
        return 0;
    }


    private ConfiguredSettings settings(Optional<Configuration> configuration, String database) {
        return configuration.flatMap(found -> found.database(database).map(found::settingsFor))
                .orElseGet(() -> context().configuredDefaults(repository));
    }

    /** Written beside the target and renamed over it, so a reader never sees half a report; 0600 from the start. */
    private static void write(Path target, String page) {
        Path directory = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new UnavailableException("cannot write the report to " + target + ": the directory " + directory
                    + " does not exist");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, ".lifeboat-report-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, page, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UnavailableException("cannot write the report to " + target + ": " + IoFailures.describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a hidden temporary file is all that stays; the failure above says what went wrong
                }
            }
        }
    }
}
