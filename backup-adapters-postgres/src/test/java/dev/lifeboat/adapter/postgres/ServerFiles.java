package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The installation directories of a test server, which its tests may add to: extensions of their own (a control file
 * and a script in SHAREDIR/extension) and copies of shared libraries (in PKGLIBDIR). Only for the embedded servers,
 * whose installation is a temporary copy the tests own.
 *
 * @param shareDirectory   the server's SHAREDIR
 * @param libraryDirectory the server's PKGLIBDIR ({@code $libdir})
 */
public record ServerFiles(Path shareDirectory, Path libraryDirectory) {

    /** Asks the server where its files are (pg_config, superuser only). */
    public static ServerFiles of(TestServer server) throws SQLException {
        try (Connection connection = server.connect("postgres")) {
            return new ServerFiles(Path.of(setting(connection, "SHAREDIR")), Path.of(setting(connection, "PKGLIBDIR")));
        }
    }

    /**
     * Installs an extension's control file and its install script, {@code <name>--<version>.sql}, so that
     * {@code CREATE EXTENSION <name>} works in any database of the server. Installing the same files again is harmless.
     */
    public void installExtension(String name, String version, String control, String script) {
        Path extensions = shareDirectory.resolve("extension");
        write(extensions.resolve(name + ".control"), control);
        write(extensions.resolve(name + "--" + version + ".sql"), script);
    }

    /** Copies a library of the server under another name, as a library only this server has. */
    public void copyLibrary(String existing, String copy) {
        try {
            Files.copy(library(existing), library(copy), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a library, as from a server that never had it. */
    public void removeLibrary(String name) {
        try {
            Files.deleteIfExists(library(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path library(String name) {
        return libraryDirectory.resolve(name + ".so");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT setting FROM pg_catalog.pg_config WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("pg_config has no " + name);
                }
                return result.getString(1);
            }
        }
    }
}
