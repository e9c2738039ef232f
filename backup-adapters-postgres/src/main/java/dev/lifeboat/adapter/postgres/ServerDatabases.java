package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.Identifiers;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.spi.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work on whole databases of one server, through a connection to its maintenance database: whether a database is
 * there and holds anything, creating, renaming and dropping.
 *
 * <p>Over 300 lines on purpose: every operation runs on the one maintenance connection this class opens and closes
 * (and reads the server's version once through it); split, the parts would each need that connection handed in and
 * its lifetime kept by someone else, and the order a restore relies on (create, detach, rename, drop) would be
 * read across files.
 */
final class ServerDatabases implements AutoCloseable {

    private static final long FIRST_NORMAL_OID = 16384;
    private static final String TEMPORARY_SCHEMA = "(%1$s LIKE 'pg\\_temp\\_%%' OR %1$s LIKE 'pg\\_toast\\_temp\\_%%')";
    /**
     * Of the catalogs that hold a database's own objects, what a user made in each: an OID from
     * {@link #FIRST_NORMAL_OID} on, which nothing initdb or CREATE DATABASE makes has. Schemas leave out the public
     * schema made again and the temporary schemas a session makes (they stay once made); relations and types leave
     * out temporary tables. Any other catalog with an OID counts every row from there on.
     */
    private static final Map<String, String> OBJECT_FILTERS = Map.of(
            "pg_namespace", "nspname <> 'public' AND NOT " + TEMPORARY_SCHEMA.formatted("nspname"),
            "pg_class", "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.oid = relnamespace AND "
                    + TEMPORARY_SCHEMA.formatted("n.nspname") + ")",
            "pg_type", "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.oid = typnamespace AND "
                    + TEMPORARY_SCHEMA.formatted("n.nspname") + ")");
    /** Every catalog of a database (not shared by the server) that has an OID column. */
    private static final String OBJECT_CATALOGS = "SELECT c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid' AND NOT a.attisdropped"
            + " WHERE c.relnamespace = 'pg_catalog'::pg_catalog.regnamespace AND c.relkind = 'r'"
            + " AND NOT c.relisshared ORDER BY c.relname";
    /** What a database holds besides its catalogs' objects: large objects (of any OID), its settings, subscriptions. */
    private static final String OTHER_STATE = "EXISTS (SELECT 1 FROM pg_catalog.pg_largeobject_metadata)"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_db_role_setting WHERE setdatabase = (SELECT oid FROM"
            + " pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_subscription WHERE subdbid = (SELECT oid FROM"
            + " pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))";
    /**
     * The sessions on database {@code ?} besides this one, as the server lists them, but not autovacuum's workers:
     * they visit every database now and then, and the server stops them when they are in the way of renaming or
     * dropping it (a restore named one among the "connections" blocking its swap).
     */
    private static final String OTHER_SESSIONS = "FROM pg_catalog.pg_stat_activity WHERE datname = ?"
            + " AND pid <> pg_catalog.pg_backend_pid() AND backend_type IS DISTINCT FROM 'autovacuum worker'";

    private final PostgresLocation server;
    private final Connection admin;
    private int versionNum;

    ServerDatabases(PostgresLocation server) {
        this.server = server;
        this.admin = ServerConnections.openMaintenance(server);
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
        try (Connection connection = ServerConnections.open(server.withDatabase(database));
             Statement statement = connection.createStatement()) {
            return holdsUserObjects(statement) ? TargetState.OCCUPIED : TargetState.EMPTY;
        }
    }

    /**
     * Whether the database holds anything a user made: any object of its catalogs (a large object, a collation or a
     * text search configuration alone is data a restore would otherwise drop as if the database were empty), a
     * setting of the database, or a subscription.
     */
    private static boolean holdsUserObjects(Statement statement) throws SQLException {
        List<String> checks = new ArrayList<>();
        try (ResultSet catalogs = statement.executeQuery(OBJECT_CATALOGS)) {
            while (catalogs.next()) {
                String catalog = catalogs.getString(1);
                String filter = OBJECT_FILTERS.get(catalog);
                checks.add("EXISTS (SELECT 1 FROM pg_catalog." + Identifiers.quote(catalog) + " WHERE oid >= "
                        + FIRST_NORMAL_OID + (filter == null ? "" : " AND " + filter) + ")");
            }
        }
        checks.add(OTHER_STATE);
        try (ResultSet result = statement.executeQuery("SELECT " + String.join(" OR ", checks))) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /**
     * Creates an empty database from template0 with the backup's encoding and locale; a server that cannot (the
     * locale is not installed there, or its version has no such provider) refuses the restore before anything is
     * loaded, since text sorted and compared under another locale is not what was backed up. So does a server that
     * made the database with another locale than asked for (one whose template0 has a provider of its own), which
     * is read back to be sure; the database is then dropped.
     */
    void create(String database, DatabaseLocale locale) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + Identifiers.quote(database) + " TEMPLATE template0 "
                    + locale.createOptions(versionNum()));
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
        DatabaseLocale created = DatabaseLocale.read(admin, versionNum(), database);
        List<String> differences = locale.differencesFrom(created);
        if (!differences.isEmpty()) {
            dropOwn(database);
            throw new IncompatibleException(server.server() + " made a database with " + String.join(", ", differences)
                    + " when asked for the backup's " + locale.describe() + "; nothing was loaded. Restore onto a "
                    + "server that has this locale");
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
     *
     * <p>The database's event triggers may be on (a restore that stopped after switching them on): ALTER and DROP
     * SUBSCRIPTION fire DDL triggers, which are switched off first, and a login trigger (PostgreSQL 17 on) could
     * refuse the session, which is opened with event triggers off. Only a superuser may do either, and only a
     * superuser can have made event triggers.
     */
    void detachSubscriptions(String database) throws SQLException {
        if (!exists(database)) {
            return;
        }
        List<String> subscriptions = new ArrayList<>();
        PostgresLocation location = server.withDatabase(database);
        if (versionNum() >= 170000 && superuser()) {
            location = location.withSetting("event_triggers", "off");
        }
        try (Connection connection = ServerConnections.open(location);
             Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT s.subname FROM pg_catalog.pg_subscription s"
                    + " WHERE s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d"
                    + " WHERE d.datname = pg_catalog.current_database())")) {
                while (result.next()) {
                    subscriptions.add(Identifiers.quote(result.getString(1)));
                }
            }
            if (subscriptions.isEmpty()) {
                return;
            }
            List<String> eventTriggers = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(
                    "SELECT evtname FROM pg_catalog.pg_event_trigger WHERE evtenabled <> 'D'")) {
                while (result.next()) {
                    eventTriggers.add(Identifiers.quote(result.getString(1)));
                }
            }
            for (String eventTrigger : eventTriggers) {
                statement.execute("ALTER EVENT TRIGGER " + eventTrigger + " DISABLE");
            }
            for (String subscription : subscriptions) {
                statement.execute("ALTER SUBSCRIPTION " + subscription + " DISABLE");
                statement.execute("ALTER SUBSCRIPTION " + subscription + " SET (slot_name = NONE)");
                statement.execute("DROP SUBSCRIPTION " + subscription);
            }
        }
    }

    /** Of the given settings, those the server knows (its own and those of the libraries it loaded). */
    List<String> knownSettings(List<String> names) throws SQLException {
        return those("SELECT n FROM pg_catalog.unnest(?::text[]) AS n WHERE EXISTS (SELECT 1"
                + " FROM pg_catalog.pg_settings s WHERE pg_catalog.lower(s.name) = pg_catalog.lower(n))", names);
    }

    /** The texts a query with one text-array parameter selects of the given ones. */
    private List<String> those(String sql, List<String> texts) throws SQLException {
        List<String> selected = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement(sql)) {
            statement.setArray(1, admin.createArrayOf("text", texts.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    selected.add(result.getString(1));
                }
            }
        }
        return selected;
    }

    /** The server's version as a number, such as 170006. */
    int versionNum() throws SQLException {
        if (versionNum == 0) {
            try (Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery(
                    "SELECT pg_catalog.current_setting('server_version_num')::integer")) {
                result.next();
                versionNum = result.getInt(1);
            }
        }
        return versionNum;
    }

    /** Whether the role lifeboat works as is a superuser. */
    boolean superuser() throws SQLException {
        try (Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER")) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** Whether another session is connected to a database (see {@link #OTHER_SESSIONS}). */
    boolean inUse(String database) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT EXISTS (SELECT 1 " + OTHER_SESSIONS + ")")) {
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
        return those("SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY (?)", roles);
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
                    "SELECT pg_catalog.count(*) " + OTHER_SESSIONS)) {
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
        ServerConnections.closeQuietly(admin);
    }
}
