package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.Identifiers;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.port.out.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Work on whole databases of one server, through a connection to its maintenance database: whether a database is
 * there and holds anything, creating, renaming and dropping.
 */
final class ServerDatabases implements AutoCloseable {

    private static final String USER_SCHEMA = """
            n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
            AND n.nspname NOT LIKE 'pg\\_temp\\_%'""";
    private static final String HOLDS_USER_OBJECTS = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA + ")"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE " + USER_SCHEMA + ")"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE " + USER_SCHEMA + ")"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE " + USER_SCHEMA + " AND n.nspname <> 'public')"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql')"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_data_wrapper WHERE oid >= 16384)"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_server WHERE oid >= 16384)"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger)"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication)"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_subscription WHERE subdbid = (SELECT oid FROM"
            + " pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))";

    private final PostgresLocation server;
    private final Connection admin;

    ServerDatabases(PostgresLocation server) {
        this.server = server;
        this.admin = Connections.openMaintenance(server);
    }

    boolean exists(String database) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Whether a restore would create, fill or replace a database. */
    TargetState state(String database) throws SQLException {
        if (!exists(database)) {
            return TargetState.ABSENT;
        }
        try (Connection connection = Connections.open(server.withDatabase(database));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(HOLDS_USER_OBJECTS)) {
            result.next();
            return result.getBoolean(1) ? TargetState.OCCUPIED : TargetState.EMPTY;
        }
    }

    /**
     * Creates an empty database from template0 with the backup's encoding and locale; a server that cannot (the
     * locale is not installed there, or its version has no such provider) refuses the restore before anything is
     * loaded, since text sorted and compared under another locale is not what was backed up.
     */
    void create(String database, DatabaseLocale locale) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + Identifiers.quote(database) + " TEMPLATE template0 "
                    + locale.createOptions());
        } catch (SQLException e) {
            String state = Optional.ofNullable(e.getSQLState()).orElse("");
            if (state.equals("22023") || state.equals("42809") || state.equals("0A000") || state.equals("42601")
                    || state.equals("22021")) {
                throw new IncompatibleException(server.server() + " cannot create a database with the backup's "
                        + locale.describe() + " (" + PostgresFailures.serverMessage(e) + "); nothing was loaded. "
                        + "Restore onto a server that has this locale", e);
            }
            throw e;
        }
    }

    /**
     * Drops a database lifeboat made itself, even if a connection of its own is still closing, and even if a restore
     * made subscriptions in it (see {@link #detachSubscriptions}).
     */
    void dropOwn(String database) throws SQLException {
        try {
            detachSubscriptions(database);
        } catch (SQLException | LifeboatException e) {
            // the drop itself says what keeps the database, if anything does
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
        }
    }

    /**
     * Drops the subscriptions of a database lifeboat made itself (a scratch database), which would keep DROP
     * DATABASE from dropping it. Each is first detached from its replication slot: a restored subscription names the
     * slot of the source's subscription on the publisher, and dropping it attached would drop that slot there.
     */
    void detachSubscriptions(String database) throws SQLException {
        if (!exists(database)) {
            return;
        }
        List<String> subscriptions = new ArrayList<>();
        try (Connection connection = Connections.open(server.withDatabase(database));
             Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT s.subname FROM pg_catalog.pg_subscription s"
                    + " WHERE s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d"
                    + " WHERE d.datname = pg_catalog.current_database())")) {
                while (result.next()) {
                    subscriptions.add(Identifiers.quote(result.getString(1)));
                }
            }
            for (String subscription : subscriptions) {
                statement.execute("ALTER SUBSCRIPTION " + subscription + " DISABLE");
                statement.execute("ALTER SUBSCRIPTION " + subscription + " SET (slot_name = NONE)");
                statement.execute("DROP SUBSCRIPTION " + subscription);
            }
        }
    }

    /** Whether another session is connected to a database. */
    boolean inUse(String database) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT EXISTS (SELECT 1 FROM"
                + " pg_catalog.pg_stat_activity WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid())")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** Drops a database only if no one is connected to it. */
    void drop(String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database));
        }
    }

    /**
     * Renames databases in one transaction: all or none. Fails with {@link LockedException} when connections to one
     * of them block it, naming how many there are.
     *
     * @param renames pairs of (from, to), applied in order
     */
    void rename(List<String[]> renames) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("BEGIN");
            try {
                for (String[] rename : renames) {
                    statement.execute("ALTER DATABASE " + Identifiers.quote(rename[0]) + " RENAME TO "
                            + Identifiers.quote(rename[1]));
                }
                statement.execute("COMMIT");
            } catch (SQLException e) {
                statement.execute("ROLLBACK");
                if ("55006".equals(e.getSQLState())) {
                    throw new LockedException(connectionsTo(renames) + "; close them (or stop the application) and "
                            + "restore again. Nothing was changed", e);
                }
                throw e;
            }
        }
    }

    /** Of the given roles, those the server has. */
    List<String> existingRoles(List<String> roles) throws SQLException {
        List<String> existing = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY (?)")) {
            statement.setArray(1, admin.createArrayOf("text", roles.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    existing.add(result.getString(1));
                }
            }
        }
        return existing;
    }

    Optional<String> owner(String database) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT pg_catalog.pg_get_userbyid(datdba)"
                + " FROM pg_catalog.pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    void setOwner(String database, String owner) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + Identifiers.quote(database) + " OWNER TO " + Identifiers.quote(owner));
        }
    }

    private String connectionsTo(List<String[]> renames) throws SQLException {
        List<String> busy = new ArrayList<>();
        for (String[] rename : renames) {
            try (PreparedStatement statement = admin.prepareStatement(
                    "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                statement.setString(1, rename[0]);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    long count = result.getLong(1);
                    if (count > 0) {
                        busy.add(count + " other connection" + (count == 1 ? "" : "s") + " to " + rename[0]);
                    }
                }
            }
        }
        return busy.isEmpty() ? "other connections blocked the swap of databases"
                : String.join(" and ", busy) + " block the swap of databases";
    }

    @Override
    public void close() {
        Connections.closeQuietly(admin);
    }
}
