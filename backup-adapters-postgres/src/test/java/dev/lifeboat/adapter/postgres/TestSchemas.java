package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Test schemas kept as SQL scripts under {@code src/test/resources/schemas}, loaded into a test database.
 *
 * <p>{@code everything.sql} is the round-trip schema: every object kind lifeboat backs up, with data in every type
 * family. A backup of a database loaded with it, restored elsewhere, must compare equal to it.
 * {@code catalog-extras.sql} adds, over it, the object kinds lifeboat does not back up, for the catalogue snapshot's
 * tests.
 */
public final class TestSchemas {

    private static final String EVERYTHING = "/schemas/everything.sql";
    private static final String CATALOG_EXTRAS = "/schemas/catalog-extras.sql";

    private TestSchemas() {
    }

    /** Loads the round-trip schema and its data into an empty database of the server, as its superuser. */
    public static void loadEverything(TestServer server, String database) throws SQLException {
        run(server, database, script(EVERYTHING));
    }

    /**
     * Loads, over the round-trip schema, the object kinds it leaves out (collations, operators, text search,
     * foreign data, publications, a subscription, large objects, the database's own settings...), and pins the
     * values of the moment it holds, so that two databases loaded alike compare equal, rows included.
     */
    public static void loadCatalogExtras(TestServer server, String database) throws SQLException {
        run(server, database, script(CATALOG_EXTRAS));
    }

    /** The text of a script on the test class path, such as {@code /schemas/everything.sql}. */
    static String script(String resource) {
        try (InputStream in = TestSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + resource, e);
        }
    }

    /**
     * Runs a whole script as one multi-statement string: pgjdbc splits it and the server runs it in one implicit
     * transaction, so a script either loads completely or not at all.
     */
    private static void run(TestServer server, String database, String script) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }
}
