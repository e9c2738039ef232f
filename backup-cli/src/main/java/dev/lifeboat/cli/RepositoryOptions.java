package dev.lifeboat.cli;

import picocli.CommandLine.Option;

/** The option of every command that touches a repository. */
final class RepositoryOptions {

    static final String ENVIRONMENT_VARIABLE = "LIFEBOAT_REPO";
    static final String DEFAULT = "backups";

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The repository directory. Default: $" + ENVIRONMENT_VARIABLE + ", else ./" + DEFAULT + ".")
    String directory;
}
