package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL engine's options, as the command line passes them (backup options are recorded in the manifest, so
 * none of them ever holds a password).
 *
 * @param jobs             parallel connections for data and index work ({@code --jobs}, default 2)
 * @param lockTimeout      how long to wait for each table's lock ({@code --lock-timeout}, default 30 s)
 * @param owners           whether ownership is backed up or restored (not {@code --no-owner})
 * @param privileges       whether privileges are backed up or restored (not {@code --no-privileges})
 * @param allowUnsupported back up even when objects lifeboat cannot reproduce are present, with a warning each
 * @param dropPrevious     after an overwriting restore, drop the replaced database instead of keeping it
 * @param scratch          the server for a deep verification's scratch database ({@code --scratch URL})
 */
record EngineOptions(int jobs, Duration lockTimeout, boolean owners, boolean privileges, boolean allowUnsupported,
                     boolean dropPrevious, Optional<String> scratch) {

    static final int DEFAULT_JOBS = 2;
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    /** Every option this engine knows; any other is a mistake worth reporting rather than ignoring. */
    static final Set<String> NAMES = Set.of("jobs", DatabaseEngine.LOCK_TIMEOUT_OPTION, "no-owner", "no-privileges",
            "allow-unsupported", "drop-previous", "scratch");

    static EngineOptions from(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new InvalidUsageException("the PostgreSQL engine has no option '" + name + "'; it takes "
                        + String.join(", ", new java.util.TreeSet<>(NAMES)));
            }
        }
        int jobs = Optional.ofNullable(options.get("jobs")).map(EngineOptions::jobs).orElse(DEFAULT_JOBS);
        Duration lockTimeout = Optional.ofNullable(options.get(DatabaseEngine.LOCK_TIMEOUT_OPTION))
                .map(EngineOptions::millis).orElse(DEFAULT_LOCK_TIMEOUT);
        return new EngineOptions(jobs, lockTimeout, !flag(options, "no-owner"), !flag(options, "no-privileges"),
                flag(options, "allow-unsupported"), flag(options, "drop-previous"),
                Optional.ofNullable(options.get("scratch")).filter(value -> !value.isBlank()));
    }

    private static boolean flag(Map<String, String> options, String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    private static int jobs(String text) {
        try {
            int jobs = Integer.parseInt(text.trim());
            if (jobs >= 1 && jobs <= 64) {
                return jobs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidUsageException("--jobs takes a number from 1 to 64, not '" + text + "'");
    }

    private static Duration millis(String text) {
        try {
            return Duration.ofMillis(Math.max(1, Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
            throw new InvalidUsageException("lock-timeout-ms takes milliseconds, not '" + text + "'");
        }
    }
}
