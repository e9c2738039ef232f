package dev.lifeboat.cli.command;

import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.policy.RetentionSpan;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --keep-* options: retention in the user's words, as restic states it. */
final class RetentionOptions {

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups.")
    int last;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest backup of each of the last N hours that have one.")
    int hourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest backup of each of the last N days (UTC) that have one.")
    int daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest backup of each of the last N ISO weeks that have one.")
    int weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest backup of each of the last N months that have one.")
    int monthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "Keep the newest backup of each of the last N years that have one.")
    int yearly;

    @Option(names = "--keep-within", paramLabel = "SPAN",
            description = "Keep every backup taken within SPAN of the newest one: e.g. 30d, 12h, 2w, 6m, 1y6m.")
    String within;

    RetentionPolicy policy() {
        return new RetentionPolicy(last, hourly, daily, weekly, monthly, yearly,
                Optional.ofNullable(within).map(RetentionSpan::parse));
    }
}
