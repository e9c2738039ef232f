package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.EngineOptionType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL engine's options: declared here once (name, type, default, help, commands, command-line aliases) for
 * {@link PostgresEngine#options()}, and read back from a job's checked values. Backup options are recorded in the
 * manifest, so none of them ever holds a password.
 *
 * @param jobs             parallel connections for data and index work (default 2)
 * @param lockTimeout      how long to wait for each table's lock (default 30 s)
 * @param owners           whether ownership is backed up or restored (not {@code no-owner})
 * @param privileges       whether privileges are backed up or restored (not {@code no-privileges})
 * @param allowUnsupported back up even when objects lifeboat cannot reproduce are present, with a warning each
 * @param dropPrevious     after an overwriting restore, drop the replaced database instead of keeping it
 * @param scratch          the server for a deep verification's scratch database
 */
record EngineOptions(int jobs, Duration lockTimeout, boolean owners, boolean privileges, boolean allowUnsupported,
                     boolean dropPrevious, Optional<String> scratch) {

    static final EngineOption JOBS = EngineOption.of("jobs", EngineOptionType.integer(1, 64),
                    "parallel connections for copying tables, building indexes and adding foreign keys (verify: for "
                            + "--deep).",
                    EngineCommand.BACKUP, EngineCommand.RESTORE, EngineCommand.VERIFY)
            .withDefault("2").withAliases("--jobs", "-j");

    static final EngineOption LOCK_TIMEOUT = EngineOption.of(DatabaseEngine.LOCK_TIMEOUT_OPTION,
                    EngineOptionType.DURATION, "how long a backup waits for each table's lock, then fails (exit 4); "
                            + "--lock-timeout sets it too.", EngineCommand.BACKUP)
            .withDefault("30s");

    static final EngineOption NO_OWNER = EngineOption.of("no-owner", EngineOptionType.FLAG,
                    "leave out ownership (ALTER ... OWNER TO), as pg_dump -O.",
                    EngineCommand.BACKUP, EngineCommand.RESTORE, EngineCommand.EXPORT)
            .withAliases("--no-owner");

    static final EngineOption NO_PRIVILEGES = EngineOption.of("no-privileges", EngineOptionType.FLAG,
                    "leave out GRANTs and default privileges, as pg_dump -x.",
                    EngineCommand.BACKUP, EngineCommand.RESTORE, EngineCommand.EXPORT)
            .withAliases("--no-privileges");

    static final EngineOption ALLOW_UNSUPPORTED = EngineOption.of("allow-unsupported", EngineOptionType.FLAG,
                    "back up even when the database holds objects lifeboat cannot reproduce (tables or indexes in a "
                            + "tablespace of their own, ...), leaving them out with everything that depends on them, "
                            + "a warning each in the output and the manifest, so that the backup still restores. "
                            + "Without it such a backup fails (exit 8) naming them.", EngineCommand.BACKUP)
            .withAliases("--allow-unsupported");

    static final EngineOption DROP_PREVIOUS = EngineOption.of("drop-previous", EngineOptionType.FLAG,
                    "drop the database an --overwrite replaced, instead of keeping it as NAME_before_restore_TIME "
                            + "(its data is still in the pre-restore backup).", EngineCommand.RESTORE)
            .withAliases("--drop-previous");

    static final EngineOption SCRATCH = EngineOption.of("scratch", EngineOptionType.text("URL"),
                    "the server where --deep restores its scratch database (a URL to any database on it; password "
                            + "from $PGPASSWORD or ~/.pgpass). Default: the server the backup was taken from.",
                    EngineCommand.VERIFY)
            .withAliases("--scratch");

    /** Every option this engine takes, in the order help lists them. */
    static final List<EngineOption> DECLARED = List.of(JOBS, LOCK_TIMEOUT, NO_OWNER, NO_PRIVILEGES,
            ALLOW_UNSUPPORTED, DROP_PREVIOUS, SCRATCH);

    /** The options of a job, checked against {@link #DECLARED} by the domain before the job got here. */
    static EngineOptions from(Map<String, String> options) {
        return new EngineOptions(Math.toIntExact(JOBS.integer(options)), LOCK_TIMEOUT.duration(options),
                !NO_OWNER.flag(options), !NO_PRIVILEGES.flag(options), ALLOW_UNSUPPORTED.flag(options),
                DROP_PREVIOUS.flag(options), SCRATCH.text(options));
    }
}
