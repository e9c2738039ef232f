package dev.lifeboat.it;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A database a damaged archive is restored over with {@code --overwrite}, and everything a refused restore (or a deep
 * verification) must have left as it was: for SQLite every file in the target's directory, for PostgreSQL the
 * target's content and the server's list of databases (so no scratch database is left behind).
 */
interface CorruptionTarget {

    /** The target as a user names it on the command line. */
    String location();

    /** What a refused restore must not change, as text to compare. */
    String state();

    static CorruptionTarget sqliteFile(Path file) {
        return new CorruptionTarget() {
            @Override
            public String location() {
                return file.toString();
            }

            @Override
            public String state() {
                return DirectorySnapshot.of(file.getParent()).toString();
            }
        };
    }

    static CorruptionTarget postgresDatabase(TestServer server, String database) {
        return new CorruptionTarget() {
            @Override
            public String location() {
                return server.url(database);
            }

            @Override
            public String state() {
                try {
                    return "content " + PostgresDatabases.content(server, database)
                            + "; databases " + PostgresDatabases.databasesStartingWith(server, "");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
