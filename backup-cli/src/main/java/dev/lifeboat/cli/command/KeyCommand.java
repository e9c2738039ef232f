package dev.lifeboat.cli.command;

import dev.lifeboat.domain.error.ExitStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lifeboat key}: keys for encrypted backups. */
@Command(name = "key", mixinStandardHelpOptions = true,
        header = "Make keys for encrypted backups.",
        description = "See 'lifeboat key generate --help', and docs/encryption.md.",
        subcommands = KeyGenerateCommand.class,
        footer = {"", "Examples:", "  lifeboat key generate -o /secure/lifeboat-key.txt"})
final class KeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }
}
