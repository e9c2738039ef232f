package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.VersionProvider;
import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The top-level command: {@code lifeboat}. */
@Command(name = "lifeboat",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Backs up, verifies and restores databases (the engines this lifeboat has are named at start-up; "
                + "'lifeboat engines' lists them).",
                "Every backup is one open archive (tar + zstd + JSON manifest) that carries the checksums and the "
                + "fingerprint that prove a restore gives back the same data.",
                "Archives go into a repository: a local directory, or S3-compatible object storage (AWS S3, MinIO, "
                + "Cloudflare R2, Backblaze B2, ...) with --repo s3://BUCKET/PREFIX; 'lifeboat copy' copies them "
                + "from one to the other, checking every SHA-256.",
                "Backups can be encrypted to age public keys (--encrypt-to): the host that backs up needs no secret "
                + "key, and 'age -d' alone reads them."},
        subcommands = {BackupCommand.class, ListCommand.class, InspectCommand.class, VerifyCommand.class,
                RestoreCommand.class, ExportCommand.class, PruneBackupsCommand.class, CopyCommand.class, ConfigCommand.class,
                KeyCommand.class, EnginesCommand.class, CheckCommand.class, ReportCommand.class,
                CompletionCommand.class},
        footer = {"", "Examples:",
                "  lifeboat backup app.db                 back up a SQLite database into ./backups",
                "  lifeboat list                          show the backups, newest first",
                "  lifeboat verify --deep latest          prove the newest backup restores",
                "  lifeboat check --max-age 26h           exit 9 when a database has no backup that recent",
                "  lifeboat restore latest:app copy.db    restore the newest backup of app to copy.db",
                "  lifeboat prune --keep-daily 7 --keep-weekly 4   remove what neither rule keeps",
                "  lifeboat copy --all --to s3://my-bucket/lifeboat   copy every backup off-site, checked; again: only new ones",
                "", "Run 'lifeboat COMMAND --help' for a command's options and examples."})
public final class LifeboatCommand implements Callable<Integer> {

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    public LifeboatCommand(CommandContext context) {
        this.context = context;
    }

    CommandContext context() {
        return context;
    }

    /**
     * Gives the commands the options of the engines found (flags and {@code --engine-option}) and names those engines
     * in the help.
     *
     * @throws EngineOptionFlags.EngineOptionClash when two engines declare one flag differently
     */
    public static void addEngines(CommandLine commandLine, CommandContext context) {
        List<DatabaseEngine> engines = context.adapters().engines().engines();
        EngineOptionFlags.register(commandLine, engines);
        nameEngines(commandLine.getCommandSpec(), engines);
    }

    /** The first line of the help names the engines found, so that no help text names an engine by hand. */
    private static void nameEngines(CommandSpec spec, List<DatabaseEngine> engines) {
        String[] description = spec.usageMessage().description().clone();
        description[0] = "Backs up, verifies and restores databases: " + String.join(", ", engines.stream()
                .map(DatabaseEngine::displayName).toList()) + " in this lifeboat, more engines as plug-ins "
                + "('lifeboat engines' lists them).";
        spec.usageMessage().description(description);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.environment().err());
        return ExitStatus.USAGE.code();
    }
}
