package dev.lifeboat.cli.command;

import dev.lifeboat.cli.notify.Notifications;
import dev.lifeboat.cli.notify.Pings;
import dev.lifeboat.cli.output.ErrorReporter;
import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.JsonText;
import dev.lifeboat.cli.output.Units;
import dev.lifeboat.cli.output.VersionProvider;
import dev.lifeboat.cli.settings.Resolved;
import dev.lifeboat.cli.settings.SettingsResolver;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.policy.Durations;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.CheckBackupsUseCase;
import dev.lifeboat.domain.port.in.DatabaseFreshness;
import dev.lifeboat.domain.port.in.LastVerificationUseCase;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifeboat check}: is the newest backup of each database recent, and was it verified? */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Tell whether every database has a recent, intact backup, from manifests and verification records.",
        description = {"For each database (each one with backups in the repository; with --all each one of the "
                + "configuration file; with --database that one), the newest backup, its age, whether it was "
                + "verified and when, and whether it is within the max-age.",
                "Cheap: it reads the listing (manifests, or the repository's copies of them) and verification records, "
                + "never the archives' data; --verify also verifies the newest backup of each (fast; --deep to "
                + "restore it into scratch space and compare).",
                "The max-age: --max-age, else the configuration file's [databases.NAME.check] max-age, else its "
                + "[check] max-age, else 26h (a daily backup and two hours to spare).",
                "Exit 0 when every database has a fresh backup whose last recorded verification, if any, passed; 9 "
                + "when one has no backup or only an older one; 6 when a newest backup's last verification failed "
                + "(or fails with --verify) or its manifest is unreadable. 6 wins over 9. A repository without any "
                + "backup, checked without --database or --all, is exit 3: no database is known to check there.",
                "Databases are named as their archives name them (lifeboat list shows it), or as the configuration "
                + "file names them: with --all, and for --database NAME of the file, the backups are those filed "
                + "under the name the database's location gives (sqlite:/srv/shop.db: shop), in its repository."},
        footer = {"", "Examples:",
                "  lifeboat check",
                "  lifeboat check --max-age 26h --database shop --json",
                "  lifeboat check --all --verify --notify https://hc-ping.com/UUID --notify-on always",
                "  lifeboat check --ping https://hc-ping.com/UUID      healthchecks.io: /start, then success or /fail"})
final class CheckCommand extends LifeboatSubcommand {

    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(26);

    @Option(names = "--max-age", paramLabel = "AGE", description = "How old the newest backup may be (26h, 8d).")
    String maxAge;

    @Option(names = "--database", paramLabel = "NAME", description = "Check only this database.")
    String database;

    @Option(names = "--all", description = "Check every database of the configuration file, each in its repository.")
    boolean all;

    @Option(names = "--verify", description = "Also verify the newest backup of each database (reads it whole).")
    boolean verify;

    @Option(names = "--deep", description = "With --verify: restore into scratch space and compare, as verify --deep.")
    boolean deep;

    @Option(names = "--notify", paramLabel = "URL", description = "POST the run's JSON result to this http(s) URL "
            + "(default: $" + SettingsResolver.NOTIFY_VARIABLE + ", else the configuration file's notify).")
    String notify;

    @Option(names = "--notify-on", paramLabel = "WHEN", description = "failure (the default): only when something "
            + "is stale or failed; always: after every run, as a heartbeat.")
    String notifyOn;

    @Mixin
    PingOption ping;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    IdentityOption identity;

    @Override
    public Map<String, Object> failureContext() {
        return Map.of("command", "check");
    }

    @Override
    public Integer call() {
        Optional<Duration> flagMaxAge = maxAgeFlag(maxAge);
        if (all && database != null) {
            throw new InvalidUsageException("give either --database NAME or --all, not both");
        }
        if (deep && !verify) {
            throw new InvalidUsageException("--deep goes with --verify");
        }
        context().settings().notification(Optional.ofNullable(notify), Optional.ofNullable(notifyOn),
                ConfiguredSettings.none());
        Pings pings = ping.pings(context());
        pings.start();
        Optional<Notification> notification = Optional.empty();
        try {
            notification = context().settings().notification(Optional.ofNullable(notify),
                    Optional.ofNullable(notifyOn), context().configuredDefaults(repository))
                    .map(Resolved::value);
            List<Checked> checked = check(flagMaxAge);
            int status = exitStatus(checked);
            Map<String, Object> document = document(checked, status);
            if (output.json) {
                printJson(document);
            } else {
                describe(checked, out());
            }
            if (status != 0) {
                context().environment().err().println("lifeboat: " + summary(checked, status));
                context().environment().err().flush();
            }
            new Notifications(context().environment().err()).send(notification, document, status != 0);
            pings.finish(status == 0, JsonText.of(document));
            return status;
        } catch (RuntimeException e) {
            Map<String, Object> failure = ErrorReporter.failureDocument(e, output.verbose, failureContext());
            new Notifications(context().environment().err()).send(notification, failure, true);
            pings.finish(false, JsonText.of(failure));
            throw e;
        }
    }

    /** A database's standing, in the repository it was looked for in, with the verification made now if any. */
    record Checked(DatabaseFreshness freshness, String repository, Optional<VerifyReport> verification) {
    }

    private List<Checked> check(Optional<Duration> flagMaxAge) {
        List<Checked> checked = new ArrayList<>();
        if (all) {
            Configuration configuration = context().configuration(repository).orElseThrow(() ->
                    new InvalidUsageException("check --all checks the databases of the configuration file, and "
                            + "there is none (--config FILE, $LIFEBOAT_CONFIG or ./lifeboat.toml)"));
            if (configuration.databases().isEmpty()) {
                throw new InvalidUsageException(configuration.file() + " names no database to check");
            }
            for (ConfiguredDatabase configured : configuration.databases()) {
                context().requireOwnFiling(configuration, configured, repository);
                ConfiguredSettings settings = configuration.settingsFor(configured);
                BackupRepository repo = context().repository(repository, false, settings);
                checked.add(check(repo, configured.name(), context().filedUnder(configured), maxAge(flagMaxAge, settings)));
            }
            return checked;
        }
        Optional<Configuration> configuration = context().configuration(repository);
        Optional<ConfiguredDatabase> configured = Optional.ofNullable(database)
                .flatMap(name -> configuration.flatMap(found -> found.database(name)));
        if (configured.isPresent()) {
            context().requireOwnFiling(configuration.orElseThrow(), configured.get(), repository);
            ConfiguredSettings settings = configuration.orElseThrow().settingsFor(configured.get());
            return List.of(check(context().repository(repository, false, settings), database,
                    context().filedUnder(configured.get()), maxAge(flagMaxAge, settings)));
        }
        BackupRepository repo = context().repository(repository, false);
        CheckBackupsUseCase service = context().useCases().checkBackups(repo);
        List<String> names = database != null ? List.of(database) : service.databases();
        if (names.isEmpty()) {
            throw new UnavailableException("no backup in " + repo.location()
                    + ": nothing to check (name the databases that must have one with --database or --all)");
        }
        for (String name : names) {
            ConfiguredSettings settings = configuration.flatMap(found -> found.database(name)
                            .map(found::settingsFor)).orElseGet(() -> context().configuredDefaults(repository));
            checked.add(check(repo, name, name, maxAge(flagMaxAge, settings)));
        }
        return checked;
    }

    /**
     * @param name       the database as the user knows it, for the output
     * @param filedUnder the database its backups name
     */
    private Checked check(BackupRepository repo, String name, String filedUnder, Duration limit) {
        DatabaseFreshness freshness = context().useCases().checkBackups(repo).check(filedUnder, limit).named(name);
        if (!verify || freshness.newest().isEmpty()) {
            return new Checked(freshness, repo.location(), Optional.empty());
        }
        LastVerificationUseCase records = context().useCases().lastVerification(repo);
        VerifyReport report = context().useCases().verifyBackup(repo, repo, context().identityFile(identity, repository))
                .verify(new VerifyBackupCommand(new BackupReference.Named(freshness.newest().get().name().value()),
                        deep, Map.of()), context().progress(output));
        report.notices().forEach(this::warn);
        LastVerification now = repo.find(freshness.newest().get().name()).map(records::last)
                .filter(last -> last.record().isPresent())
                .orElse(freshness.verification());
        // no record, or a failure just found that could not be recorded: what was just found counts. A pass never
        // replaces a failure on record here: the record keeps one that a pass checking less cannot clear
        if (now.record().map(record -> record.passed() && !report.passed()).orElse(true)) {
            now = new LastVerification.Recorded(new VerificationRecord(
                    report.archive().name(), Optional.empty(), context().environment().clock().instant(),
                    report.deep(), VersionProvider.version(), report.checks()));
        }
        return new Checked(freshness.withVerification(now), repo.location(), Optional.of(report));
    }

    /** A --max-age as given (check's, and report's "as check"): 0 would make every backup stale, so it is refused. */
    static Optional<Duration> maxAgeFlag(String text) {
        Optional<Duration> maxAge = Optional.ofNullable(text).map(Durations::parse);
        if (maxAge.filter(Duration::isZero).isPresent()) {
            throw new InvalidUsageException("--max-age 0 makes every backup stale: give e.g. 26h");
        }
        return maxAge;
    }

    private static Duration maxAge(Optional<Duration> flag, ConfiguredSettings settings) {
        return flag.or(() -> settings.checkMaxAge().map(setting -> setting.value())).orElse(DEFAULT_MAX_AGE);
    }

    private static int exitStatus(List<Checked> checked) {
        if (checked.stream().anyMatch(entry -> entry.freshness().status() == DatabaseFreshness.Status.FAILED)) {
            return ExitStatus.VERIFICATION_FAILED.code();
        }
        if (checked.stream().anyMatch(entry -> entry.freshness().status() == DatabaseFreshness.Status.STALE)) {
            return ExitStatus.STALE.code();
        }
        return 0;
    }

    private static String summary(List<Checked> checked, int status) {
        List<String> bad = checked.stream().filter(entry -> entry.freshness().status() != DatabaseFreshness.Status.FRESH)
                .map(entry -> entry.freshness().database() + " (" + problem(entry.freshness()) + ")").toList();
        return (status == ExitStatus.VERIFICATION_FAILED.code() ? "check FAILED: " : "check found stale backups: ")
                + String.join("; ", bad);
    }

    /** What is wrong with a database that is not fresh, in a few words. */
    static String problem(DatabaseFreshness freshness) {
        if (freshness.newest().isEmpty()) {
            return "no backup";
        }
        if (freshness.unreadable().isPresent()) {
            return "newest backup unreadable: " + freshness.unreadable().get();
        }
        if (freshness.verified().equals(Optional.of(false))) {
            return "newest backup failed verification" + freshness.verification().record()
                    .flatMap(record -> record.firstFailure()).map(failure -> ": " + failure.name()).orElse("");
        }
        if (freshness.datedInTheFuture()) {
            return "newest backup is dated " + Units.age(freshness.age().orElseThrow().negated()) + " in the future "
                    + "(a wrong clock where it was taken, or here): its age says nothing";
        }
        return "newest backup is " + Units.age(freshness.age().orElseThrow()) + " old, max-age "
                + Units.age(freshness.maxAge());
    }

    private Map<String, Object> document(List<Checked> checked, int status) {
        Map<String, Object> document = JsonDocuments.check(checked.stream().map(entry -> JsonDocuments.freshness(
                entry.freshness(), entry.repository())).toList(), status == 0);
        if (status != 0) {
            ExitStatus exit = status == ExitStatus.STALE.code() ? ExitStatus.STALE : ExitStatus.VERIFICATION_FAILED;
            document.put("error", ErrorReporter.errorDocument(exit == ExitStatus.STALE ? "stale" : "verification_failed",
                    exit, summary(checked, status)).get("error"));
        }
        return document;
    }

    private static void describe(List<Checked> checked, PrintWriter out) {
        int width = Math.max(8, checked.stream().mapToInt(entry -> entry.freshness().database().length()).max()
                .orElse(8));
        String format = "%-5s  %-" + width + "s  %-19s  %9s  %9s  %s%n";
        out.printf(format, "", "DATABASE", "NEWEST (UTC)", "AGE", "MAX-AGE", "LAST VERIFIED (UTC)");
        for (Checked entry : checked) {
            DatabaseFreshness freshness = entry.freshness();
            String label = switch (freshness.status()) {
                case FRESH -> "ok";
                case STALE -> "STALE";
                case FAILED -> "FAIL";
            };
            out.printf(format, label, freshness.database(),
                    freshness.createdAt().map(Units::utc).orElse("none"),
                    freshness.age().map(age -> age.isNegative() ? "in " + Units.age(age.negated()) : Units.age(age))
                            .orElse("-"), Units.age(freshness.maxAge()),
                    InspectCommand.describe(freshness.verification()));
        }
        long fresh = checked.stream().filter(entry -> entry.freshness().status() == DatabaseFreshness.Status.FRESH)
                .count();
        out.printf("%d of %s fresh and intact.%n", fresh, Units.plural(checked.size(), "database", "databases"));
        out.flush();
    }
}
