package dev.lifeboat.cli.command;

import dev.lifeboat.domain.error.ExitStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lifeboat config}: the configuration file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Check the configuration file and show the settings in effect.",
        description = "See 'lifeboat config check --help', and docs/configuration.md for the file's format.",
        subcommands = ConfigCheckCommand.class,
        footer = {"", "Examples:", "  lifeboat config check", "  lifeboat config check --config /etc/lifeboat/lifeboat.toml"})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }
}
