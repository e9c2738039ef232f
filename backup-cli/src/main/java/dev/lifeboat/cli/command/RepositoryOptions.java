package dev.lifeboat.cli.command;

import dev.lifeboat.cli.settings.ConfigurationFinder;
import dev.lifeboat.cli.settings.SettingsResolver;
import picocli.CommandLine.Option;

/** The options of every command that touches a repository: which repository, and which configuration file. */
final class RepositoryOptions {

    public static final String ENVIRONMENT_VARIABLE = SettingsResolver.REPO_VARIABLE;
    public static final String CONFIG_VARIABLE = ConfigurationFinder.CONFIG_VARIABLE;
    public static final String DEFAULT = SettingsResolver.DEFAULT_REPOSITORY;

    @Option(names = "--repo", paramLabel = "DIR|URL",
            description = "The repository: a directory, or object storage as s3://BUCKET/PREFIX (its endpoint, "
                    + "region and credentials from the environment or the configuration file's [s3] table). Default: $"
                    + ENVIRONMENT_VARIABLE + ", else the configuration file's repository, else ./" + DEFAULT + ".")
    String directory;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file. Default: $" + CONFIG_VARIABLE + ", else ./lifeboat.toml, else "
                    + "~/.config/lifeboat/lifeboat.toml, when one exists.")
    String configFile;
}
