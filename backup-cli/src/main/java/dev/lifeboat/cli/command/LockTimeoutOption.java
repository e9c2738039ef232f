package dev.lifeboat.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The option of every command that may have to wait for another run's repository lock. */
final class LockTimeoutOption {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for a repository another run holds (e.g. 30s, 5m). "
                    + "Default: the configuration file's, else 0: fail at once (exit 4), naming the run that holds it. "
                    + "A backup also waits this long for locks inside the database, where its engine has a "
                    + "lock-timeout option (see 'lifeboat engines').")
    Duration timeout;
}
