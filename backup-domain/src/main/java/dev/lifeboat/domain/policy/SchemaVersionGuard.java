package dev.lifeboat.domain.policy;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.SchemaVersion;
import dev.lifeboat.domain.model.SchemaVersionOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses to restore a backup whose schema is newer than the application that will use it knows: restoring a newer
 * schema under older code corrupts data quietly. The highest version allowed is a number, dotted segments compared
 * one by one ({@link SchemaVersionOrder}). A backup whose version cannot be shown to be at most that (it records
 * none, or a Liquibase id that is not a number) is refused too: the guard was asked for, and cannot vouch for it.
 *
 * @param maximum the newest schema version allowed
 */
public record SchemaVersionGuard(String maximum) {

    public SchemaVersionGuard {
        Objects.requireNonNull(maximum, "maximum");
        maximum = maximum.strip();
        if (!SchemaVersionOrder.isOrdered(maximum)) {
            throw new InvalidUsageException("the highest schema version allowed must be numbers separated by dots, "
                    + "such as 42 or 1.2.3, not '" + maximum + "'");
        }
    }

    /**
     * Lets a backup of the given schema version pass, or refuses it.
     *
     * @param backup the backup's schema version; empty when it records none
     * @param what   the backup, as the message names it
     * @throws IncompatibleException when the backup's version is newer, or cannot be ordered
     */
    public void check(Optional<SchemaVersion> backup, String what) {
        if (backup.isEmpty()) {
            throw new IncompatibleException(what + " records no schema version (no user_version, Flyway or Liquibase "
                    + "history), so it cannot be shown to be at most " + maximum + "; restore without the schema "
                    + "version limit to restore it anyway");
        }
        SchemaVersion version = backup.get();
        Optional<Integer> order = SchemaVersionOrder.compare(version.value(), maximum);
        if (order.isEmpty()) {
            throw new IncompatibleException(what + " has schema version " + version + ", which is not a number and"
                    + " cannot be compared with " + maximum + "; restore without the schema version limit to restore"
                    + " it anyway");
        }
        if (order.get() > 0) {
            throw new IncompatibleException(what + " has schema version " + version + ", newer than " + maximum
                    + ", the highest allowed: restoring a newer schema under older code can corrupt data; upgrade the"
                    + " application first, or restore an older backup");
        }
    }
}
