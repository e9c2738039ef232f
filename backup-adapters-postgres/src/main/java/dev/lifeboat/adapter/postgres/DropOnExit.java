package dev.lifeboat.adapter.postgres;

import java.sql.SQLException;

/**
 * Drops a scratch database if the process is stopped (Ctrl-C, SIGTERM) while it exists, so an interrupted restore or
 * verification leaves nothing behind on the server. Closing it removes the hook: by then the scratch database has
 * been dropped or renamed into place.
 */
final class DropOnExit implements AutoCloseable {

    private final Thread hook;

    DropOnExit(PostgresLocation server, String scratch) {
        this.hook = new Thread(() -> {
            try (ServerDatabases databases = new ServerDatabases(server)) {
                databases.dropOwn(scratch);
            } catch (SQLException | RuntimeException e) {
                // the process is ending; a later restore to the same target removes the leftover
            }
        }, "lifeboat-drop-" + scratch);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
