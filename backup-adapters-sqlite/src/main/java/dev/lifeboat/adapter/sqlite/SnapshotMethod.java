package dev.lifeboat.adapter.sqlite;

/**
 * How a backup's snapshot of the database was taken, recorded among the source's properties in the manifest: both
 * give the same data, but a user comparing backups' timings or a slow backup's cause can tell them apart.
 */
enum SnapshotMethod {

    /** The database file itself, read while a read transaction kept it unchanged ({@link PinnedSnapshot}). */
    FILE("file"),

    /** A copy made with SQLite's online backup API ({@link PageCopy}), when the file could not be proven a snapshot. */
    BACKUP_API("backup-api");

    /** The property's name. */
    static final String PROPERTY = "snapshot";

    private final String value;

    SnapshotMethod(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }
}
