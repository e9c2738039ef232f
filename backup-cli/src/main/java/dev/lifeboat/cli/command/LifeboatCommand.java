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

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(BackupCommand.class, ListCommand.class,
            InspectCommand.class, VerifyCommand.class, RestoreCommand.class, ExportCommand.class,
            PruneBackupsCommand.class, CopyCommand.class, ConfigCommand.class, KeyCommand.class, EnginesCommand.class,
            CheckCommand.class, ReportCommand.class, CompletionCommand.class);

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    public LifeboatCommand(CommandContext context) {
        this.context = context;
    }

    CommandContext context() {
        return context;
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine(CommandContext context) {
        return commandLine(context, SUBCOMMANDS);
    }

    /**
     * The command line for these arguments. Picocli builds a command's model from its annotations when the command is
     * added, about 0.2 s for all of them at every start and half that for one: when the first argument names a
     * subcommand, that one alone is added, since a run reaches no other (its help, its errors and its usage line are
     * the same). Anything else gets every subcommand: the top-level help lists them, a mistyped name is answered with
     * the names it may have meant, and the completion script covers them all.
     */
    public static CommandLine commandLine(CommandContext context, String... args) {
        if (args.length > 0 && !args[0].equals("completion")) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(context, List.of(subcommand));
                }
            }
        }
        return commandLine(context);
    }

    private static CommandLine commandLine(CommandContext context, List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new LifeboatCommand(context));
        subcommands.forEach(commandLine::addSubcommand);
        return commandLine;
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
