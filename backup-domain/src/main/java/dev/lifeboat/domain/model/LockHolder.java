package dev.lifeboat.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a repository's lock, so a user who finds it locked knows which run to wait for.
 *
 * @param pid       the holding process
 * @param host      the host it runs on
 * @param startedAt when it took the lock
 * @param command   what it is doing ("backup", "restore", ...)
 */
public record LockHolder(long pid, String host, Instant startedAt, String command) {

    public LockHolder {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(command, "command");
    }

    @Override
    public String toString() {
        return command + " (pid " + pid + " on " + host + ", started " + startedAt + ")";
    }
}
