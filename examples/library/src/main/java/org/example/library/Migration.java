package org.example.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A schema migration of the application's database, as many migration tools run them on SQLite: statement after
 * statement, each committed on its own, so one that fails leaves the database half migrated.
 *
 * @param name       what the migration is called on the command line
 * @param statements its SQL, in order
 */
record Migration(String name, List<String> statements) {

    /** Adds an e-mail address to every customer: schema version 1 to 2. */
    static final Migration ADD_EMAIL = new Migration("add-email", List.of(
            "ALTER TABLE customer ADD COLUMN email TEXT",
            "UPDATE customer SET email = lower(name) || '@example.org'",
            "PRAGMA user_version = 2"));

    /** The same, written wrongly: it drops a row, then breaks a NOT NULL constraint halfway through. */
    static final Migration BROKEN = new Migration("broken", List.of(
            "ALTER TABLE customer ADD COLUMN email TEXT",
            "DELETE FROM customer WHERE id = 3",
            "UPDATE customer SET name = NULL",
            "PRAGMA user_version = 2"));

    static Migration named(String name) {
        return List.of(ADD_EMAIL, BROKEN).stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no migration named " + name + ": add-email or broken"));
    }

    /** Runs the statements in turn; the first that fails stops the migration, leaving the ones before it done. */
    void applyTo(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    /** Creates the application's database at schema version 1 when it does not exist yet. */
    static void createVersionOne(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            statement.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')");
            statement.executeUpdate("PRAGMA user_version = 1");
        }
    }
}
