package dev.lifeboat.adapter.postgres.catalog;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads and applies schema scripts the way the engine's backup and restore sessions do. */
final class CatalogSessions {

    private CatalogSessions() {
    }

    /** Reads a database's schema inside a REPEATABLE READ transaction, with every relation locked. */
    static SchemaScript read(TestServer server, String database, SchemaOptions options) throws SQLException {
        try (Connection connection = server.connect(database)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
                SchemaReader reader = new SchemaReader(connection, options);
                for (QualifiedName relation : reader.relationsToLock()) {
                    statement.execute("LOCK TABLE " + relation.quoted() + " IN ACCESS SHARE MODE");
                }
                SchemaScript script = reader.read();
                connection.rollback();
                return script;
            }
        }
    }

    static String describe(TestServer server, String database) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            return new SchemaReader(connection, SchemaOptions.all()).describe();
        }
    }

    /**
     * Runs every statement in order, as a restore does: empty search_path, function bodies unchecked, the
     * database's own statements naming the database they run in.
     */
    static void apply(TestServer server, String database, SchemaScript script) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET check_function_bodies = false");
            statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            for (SchemaStatement each : script.statements()) {
                SchemaStatement schemaStatement = each.phase().namesDatabase() ? each.inDatabase(database) : each;
                try {
                    statement.execute(schemaStatement.sql());
                } catch (SQLException e) {
                    throw new SQLException("on " + server.label() + ", " + schemaStatement.label() + " failed: "
                            + e.getMessage() + "\n" + schemaStatement.sql(), e);
                }
            }
        }
    }

    /** Creates on {@code target} the roles of {@code source} it lacks: roles are per server, not per database. */
    static void copyRoles(TestServer source, TestServer target) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (Connection connection = source.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT rolname FROM pg_catalog.pg_roles "
                     + "WHERE oid >= 16384 AND rolname !~ '^pg_'")) {
            while (result.next()) {
                roles.add(result.getString(1));
            }
        }
        for (String role : roles) {
            target.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = "
                    + Identifiers.literal(role) + ") THEN CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN; END IF; "
                    + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        }
    }

    static String resource(String name) {
        try (InputStream in = CatalogSessions.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a database and runs a script in it. */
    static String databaseWith(TestServer server, String prefix, String... sql) throws SQLException {
        String database = server.createDatabase(prefix);
        server.execute(database, sql);
        return database;
    }
}
