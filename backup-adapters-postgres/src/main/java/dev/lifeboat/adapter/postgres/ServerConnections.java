package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.UnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens connections to a server: the password goes in the driver's properties, never in a URL, a message or a log;
 * a server that does not answer fails within the connect timeout (10 s unless the location says otherwise).
 */
final class ServerConnections {

    static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";
    /** The database every server has, for creating, renaming and dropping others. */
    static final String MAINTENANCE_DATABASE = "postgres";

    private static final Driver DRIVER = new Driver();

    private ServerConnections() {
    }

    /** A connection in autocommit mode, as the given location's user. */
    static Connection open(PostgresLocation location) {
        Properties properties = new Properties();
        for (Map.Entry<String, String> parameter : location.parameters().entrySet()) {
            properties.setProperty(parameter.getKey(), parameter.getValue());
        }
        properties.setProperty("user", location.user());
        location.password().ifPresent(secret -> properties.setProperty("password", secret.reveal()));
        properties.putIfAbsent("connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        properties.putIfAbsent("loginTimeout", properties.getProperty("connectTimeout"));
        properties.putIfAbsent("ApplicationName", "lifeboat");
        properties.setProperty("tcpKeepAlive", "true");
        try {
            Connection connection = DRIVER.connect(location.jdbcUrl(), properties);
            if (connection == null) {
                throw new UnavailableException("the PostgreSQL driver does not accept " + location.display());
            }
            return connection;
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "connecting to " + location.display());
        }
    }

    /** A connection to the server's maintenance database, for work on whole databases. */
    static Connection openMaintenance(PostgresLocation location) {
        return open(location.withDatabase(MAINTENANCE_DATABASE));
    }

    /**
     * Sets the session up as pg_dump does, so values are written and read the same way whatever the server's or
     * the role's defaults: ISO dates, postgres intervals, exact floats, UTC, hex bytea, no search path, no timeouts,
     * no row security (a table it would filter fails loudly instead of being copied in part).
     */
    static void applyDumpSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            statement.execute("SET DateStyle = ISO");
            statement.execute("SET IntervalStyle = postgres");
            statement.execute("SET extra_float_digits = 3");
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET bytea_output = hex");
            statement.execute("SET client_encoding = 'UTF8'");
            statement.execute("SET standard_conforming_strings = on");
            statement.execute("SET statement_timeout = 0");
            statement.execute("SET lock_timeout = 0");
            statement.execute("SET idle_in_transaction_session_timeout = 0");
            // the timeouts newer servers have (14, 17): a restore keeps sessions idle between its steps, a backup's
            // snapshot lasts as long as its copies
            statement.execute("SELECT pg_catalog.set_config(name, '0', false) FROM pg_catalog.pg_settings"
                    + " WHERE name IN ('idle_session_timeout', 'transaction_timeout')");
            statement.execute("SET row_security = off");
            statement.execute("SET synchronize_seqscans = off");
            statement.execute("SET client_min_messages = warning");
        }
    }

    /** Cancels the statement a connection is running, from another thread; does nothing when it cannot. */
    static void cancelQuietly(Connection connection) {
        try {
            connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // the connection may already be closed; the failure that led here is what gets reported
        }
    }

    /** Closes without letting a failure to close hide the failure being reported. */
    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }
}
