package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;

/**
 * Copies a live database into a snapshot file with SQLite's online backup API.
 *
 * <p>The source connection first holds a read transaction, and the backup runs through that same connection: the
 * copy is then one consistent snapshot and never restarts when another connection writes (by default the API
 * starts over after every foreign write, and under steady writers never finishes). In WAL mode writers carry on
 * meanwhile; in rollback-journal mode they wait until the copy is done, since a reader blocks their commit.
 */
final class PageCopy {

    // large steps for throughput; progress is still reported after each step (every 16 MB at 4 KB pages)
    private static final int PAGES_PER_STEP = 4096;
    private static final int BUSY_SLEEP_MS = 100;
    private static final int BUSY_RETRIES = DatabaseFileConnections.LIVE_BUSY_TIMEOUT_MS / BUSY_SLEEP_MS;

    private PageCopy() {
    }

    /** Copies the source into the snapshot file, which exists and is overwritten. */
    static void copy(Path source, Path snapshot, Progress progress) {
        String doing = "copying " + source + " into a snapshot";
        try (Connection connection = DatabaseFileConnections.readOnly(source)) {
            connection.setAutoCommit(false);
            long pages;
            try (Statement statement = connection.createStatement()) {
                // any read inside the open transaction takes the read lock and fixes the snapshot
                try (ResultSet schema = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                    schema.next();
                }
                try (ResultSet count = statement.executeQuery("PRAGMA page_count")) {
                    count.next();
                    pages = count.getLong(1);
                }
            }
            try (Progress.Task task = progress.start("copying pages", pages, ProgressUnit.PAGES)) {
                int resultCode = connection.unwrap(SQLiteConnection.class).getDatabase().backup("main",
                        snapshot.toString(), (remaining, total) -> task.update((long) total - remaining),
                        BUSY_SLEEP_MS, BUSY_RETRIES, PAGES_PER_STEP);
                if (resultCode != 0) {
                    throw SqliteFailures.ofResultCode(resultCode, doing, snapshot);
                }
                task.update(pages);
            }
            connection.rollback();
        } catch (SQLException e) {
            throw SqliteFailures.of(e, doing, source);
        }
    }
}
