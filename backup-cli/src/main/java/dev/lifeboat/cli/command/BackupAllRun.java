package dev.lifeboat.cli.command;

import dev.lifeboat.cli.notify.Notifications;
import dev.lifeboat.cli.output.ErrorReporter;
import dev.lifeboat.cli.settings.Resolved;
import dev.lifeboat.cli.settings.SettingsResolver;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.ConfiguredDatabase;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.RetentionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lifeboat backup --all}: every database of the configuration file, in its order, going on past failures. A
 * database with its own notify section is told about its own run; the run as a whole, one document for all databases,
 * goes where the flags, the environment or the file's defaults say.
 */
final class BackupAllRun {

    private final BackupCommand command;
    private final CommandContext context;
    private final BackupTargets targets;
    private final Notifications notifications;

    BackupAllRun(BackupCommand command, BackupTargets targets, Notifications notifications) {
        this.command = command;
        this.context = command.context();
        this.targets = targets;
        this.notifications = notifications;
    }

    /** Backs up every configured database; the exit status is that of the first failure, 0 when none failed. */
    int run(RetentionPolicy flagRetention) {
        Configuration configuration = context.configuration(command.repository).orElseThrow(() ->
                new InvalidUsageException("--all backs up the databases of a configuration file, and there is none: "
                        + "give --config FILE, set " + RepositoryOptions.CONFIG_VARIABLE + ", or write ./lifeboat.toml"));
        if (configuration.databases().isEmpty()) {
            throw new InvalidUsageException(configuration.file()
                    + " names no databases (add [databases.NAME] sections)");
        }
        SettingsResolver resolver = context.settings();
        Optional<Notification> shared = resolver.notification(Optional.ofNullable(command.notify),
                Optional.ofNullable(command.notifyOn), configuration.defaults()).map(Resolved::value);
        boolean flagOrEnvironment = command.notify != null
                || context.environment().variable(SettingsResolver.NOTIFY_VARIABLE).isPresent();
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int exitCode = 0;
        for (ConfiguredDatabase configured : configuration.databases()) {
            Optional<Notification> own = flagOrEnvironment ? Optional.empty()
                    : configured.settings().notification().map(setting -> setting.value());
            Map<String, Object> document;
            boolean ok;
            try {
                BackupRun.Outcome outcome = new BackupRun(context, command.output,
                        targets.configured(configuration, configured, flagRetention), command.verify, command.dryRun)
                        .execute();
                document = outcome.document();
                if (!command.output.json) {
                    outcome.describe(command.out());
                    command.out().flush();
                }
                outcome.notices().forEach(command::notice);
                outcome.warnings().forEach(command::warn);
                ok = outcome.failure().isEmpty();
                if (!ok) {
                    exitCode = exitCode == 0 ? outcome.exitCode() : exitCode;
                    reportFailure(configured.name(), outcome.failure().get().getMessage());
                }
            } catch (RuntimeException e) {
                document = ErrorReporter.failureDocument(e, command.output.verbose,
                        BackupCommand.runContext(configured.name()));
                ok = false;
                exitCode = exitCode == 0 ? ErrorReporter.status(e).code() : exitCode;
                reportFailure(configured.name(), ErrorReporter.message(e, command.output.verbose));
            }
            results.add(document);
            if (!ok) {
                failed.add(configured.name());
            }
            if (!command.dryRun) {
                notifications.send(own, document, !ok);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ok", failed.isEmpty());
        summary.put("command", "backup");
        summary.put("all", true);
        summary.put("failed", failed);
        summary.put("results", results);
        if (command.output.json) {
            command.printJson(summary);
        } else {
            int databases = configuration.databases().size();
            command.out().printf("%d of %d databases backed up%s%n", databases - failed.size(), databases,
                    failed.isEmpty() ? "." : "; failed: " + String.join(", ", failed));
            command.out().flush();
        }
        if (!command.dryRun) {
            notifications.send(shared, summary, !failed.isEmpty());
        }
        return exitCode;
    }

    private void reportFailure(String name, String message) {
        context.environment().err().println("lifeboat: " + name + ": " + message);
        context.environment().err().flush();
    }
}
