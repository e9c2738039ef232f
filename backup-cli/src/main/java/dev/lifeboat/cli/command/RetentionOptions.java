package dev.lifeboat.cli.command;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.policy.RetentionSpan;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The --keep-* options: retention in the user's words, as restic states it. */
final class RetentionOptions {

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups.")
    Integer last;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest backup of each of the last N hours that have one.")
    Integer hourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest backup of each of the last N days (UTC) that have one.")
    Integer daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest backup of each of the last N ISO weeks that have one.")
    Integer weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest backup of each of the last N months that have one.")
    Integer monthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "Keep the newest backup of each of the last N years that have one.")
    Integer yearly;

    @Option(names = "--keep-within", paramLabel = "SPAN",
            description = "Keep every backup taken within SPAN of the newest one: e.g. 30d, 12h, 2w, 6m, 1y6m.")
    String within;

    /**
     * The rules given, none when no --keep option was; options that were given but keep nothing (counts of 0, a span
     * of 0) are refused, since pruning by them would remove every backup but the newest.
     */
    RetentionPolicy policy() {
        RetentionPolicy policy = new RetentionPolicy(count(last), count(hourly), count(daily), count(weekly),
                count(monthly), count(yearly), Optional.ofNullable(within).map(RetentionSpan::parse));
        boolean given = Stream.of(last, hourly, daily, weekly, monthly, yearly, within).anyMatch(Objects::nonNull);
        if (given && policy.isEmpty()) {
            throw new InvalidUsageException("the --keep options given keep nothing (a count of 0, a span of 0), so "
                    + "pruning by them would remove every backup but the newest: give at least one above 0");
        }
        return policy;
    }

    private static int count(Integer option) {
        return option == null ? 0 : option;
    }
}
